import i18next, { type TFunction } from 'i18next';
import frCore from './fr/core.json' with { type: 'json' };
import enCore from './en/core.json' with { type: 'json' };
import frProgramme from './fr/programme.json' with { type: 'json' };
import enProgramme from './en/programme.json' with { type: 'json' };
import frRegistrations from './fr/registrations.json' with { type: 'json' };
import enRegistrations from './en/registrations.json' with { type: 'json' };
import frPreparation from './fr/preparation.json' with { type: 'json' };
import enPreparation from './en/preparation.json' with { type: 'json' };
import frInterop from './fr/interop.json' with { type: 'json' };
import enInterop from './en/interop.json' with { type: 'json' };
import frReports from './fr/reports.json' with { type: 'json' };
import enReports from './en/reports.json' with { type: 'json' };
import frCampaigns from './fr/campaigns.json' with { type: 'json' };
import enCampaigns from './en/campaigns.json' with { type: 'json' };
import frSurveys from './fr/surveys.json' with { type: 'json' };
import enSurveys from './en/surveys.json' with { type: 'json' };
import frNetwork from './fr/network.json' with { type: 'json' };
import enNetwork from './en/network.json' with { type: 'json' };
import frNational from './fr/national.json' with { type: 'json' };
import enNational from './en/national.json' with { type: 'json' };
import frExperience from './fr/experience.json' with { type: 'json' };
import enExperience from './en/experience.json' with { type: 'json' };
import frPeople from './fr/people.json' with { type: 'json' };
import enPeople from './en/people.json' with { type: 'json' };
import frGroups from './fr/groups.json' with { type: 'json' };
import enGroups from './en/groups.json' with { type: 'json' };
import frSecurity from './fr/security.json' with { type: 'json' };
import enSecurity from './en/security.json' with { type: 'json' };

/**
 * Messages, one file per area and language (`fr/<area>.json`, `en/<area>.json`), merged at the
 * top level: each area owns its own top-level keys. Add a new area's pair of files here.
 */
export const MESSAGES = {
	fr: {
		...frCore,
		...frProgramme,
		...frRegistrations,
		...frPreparation,
		...frInterop,
		...frSurveys,
		...frReports,
		...frNetwork,
		...frNational,
		...frCampaigns,
		...frExperience,
		...frPeople,
		...frGroups,
		...frSecurity
	},
	en: {
		...enCore,
		...enProgramme,
		...enRegistrations,
		...enPreparation,
		...enInterop,
		...enSurveys,
		...enReports,
		...enNetwork,
		...enNational,
		...enCampaigns,
		...enExperience,
		...enPeople,
		...enGroups,
		...enSecurity
	}
};

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type Translate = (key: string, params?: Record<string, unknown>) => string;

const instances = new Map<Lang, TFunction>();

/** A translator for `lang`; French is the reference, English falls back to it key by key. */
export function translator(lang: Lang): Translate {
	let t = instances.get(lang);
	if (!t) {
		const instance = i18next.createInstance();
		instance.init({
			lng: lang,
			fallbackLng: 'fr',
			resources: { fr: { translation: MESSAGES.fr }, en: { translation: MESSAGES.en } },
			initAsync: false,
			interpolation: { escapeValue: false },
			returnNull: false
		});
		t = instance.t;
		instances.set(lang, t);
	}
	const tf = t;
	return (key, params) => String(tf(key, params ?? {}));
}

export function isLang(v: unknown): v is Lang {
	return v === 'fr' || v === 'en';
}

/** The language to use: an explicit choice (cookie) first, then the browser's preference, then French. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | null): Lang {
	if (isLang(cookie)) return cookie;
	if (acceptLanguage) {
		for (const part of acceptLanguage.split(',')) {
			const tag = part.split(';')[0].trim().slice(0, 2).toLowerCase();
			if (isLang(tag)) return tag;
		}
	}
	return 'fr';
}

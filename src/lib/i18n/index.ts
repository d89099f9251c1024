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

interface Instance {
	t: TFunction;
	getResource: (lng: string, ns: string, key: string) => unknown;
	/** What each key asked for is, once looked at (`plainMessage`). */
	plains: Map<string, Plain | null>;
}
const instances = new Map<Lang, Instance>();

function i18nextInstance(lang: Lang) {
	let found = instances.get(lang);
	if (!found) {
		const instance = i18next.createInstance();
		instance.init({
			lng: lang,
			fallbackLng: 'fr',
			resources: { fr: { translation: MESSAGES.fr }, en: { translation: MESSAGES.en } },
			initAsync: false,
			interpolation: { escapeValue: false },
			returnNull: false
		});
		found = { t: instance.t, getResource: (lng, ns, key) => instance.getResource(lng, ns, key), plains: new Map() };
		instances.set(lang, found);
	}
	return found;
}

/** i18next's own answer, without the shortcut below (the reference the tests compare it with). */
export function i18nextTranslator(lang: Lang): Translate {
	const { t } = i18nextInstance(lang);
	return (key, params) => String(t(key, params ?? {}));
}

/**
 * A message that needs nothing of i18next but its text: its `{{name}}` placeholders (if any), in
 * order, or null when i18next must answer (no such key, a plural or context, nesting `$t(…)`,
 * a formatted or unescaped placeholder).
 */
interface Plain {
	text: string;
	names: string[];
}
/** What i18next reads as a placeholder (from the first `{{`, on one line), and a plain one's name. */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const PLAIN_NAME = /^\s*([A-Za-z_$][\w$]*)\s*$/;
/** i18next's options: a call that passes one of them is answered by i18next. */
const OPTIONS = new Set([
	'count',
	'context',
	'ordinal',
	'defaultValue',
	'lng',
	'lngs',
	'ns',
	'fallbackLng',
	'keyPrefix',
	'returnObjects',
	'returnDetails',
	'joinArrays',
	'replace',
	'interpolation',
	'postProcess',
	'skipInterpolation',
	'keySeparator',
	'nsSeparator',
	'ignoreJSONStructure',
	'missingInterpolationHandler'
]);
const isOption = (k: string) => OPTIONS.has(k) || k.startsWith('defaultValue');
/** i18next reads the values it is given as own, enumerable properties (it copies them with `...`). */
const given = (params: Record<string, unknown>, name: string) =>
	Object.prototype.propertyIsEnumerable.call(params, name) && params[name] != null;
const MAX_PLAIN = 10_000;

function plainMessage(lang: Lang, key: string): Plain | null {
	const { getResource, plains: known } = i18nextInstance(lang);
	let plain = known.get(key);
	if (plain === undefined) {
		plain = null;
		const text = key.includes(':')
			? undefined
			: (getResource(lang, 'translation', key) ?? (lang === 'fr' ? undefined : getResource('fr', 'translation', key)));
		if (typeof text === 'string' && !text.includes('$t(')) {
			const names = [...text.matchAll(PLACEHOLDER)].map((m) => PLAIN_NAME.exec(m[1])?.[1]);
			// Every `{{` starts a plain placeholder (not `{{- x}}`, `{{x, number}}`, `{{a.b}}`, `{{{x}}}`).
			if (text.split('{{').length - 1 === names.length && names.every((n) => n !== undefined)) plain = { text, names: names as string[] };
		}
		if (known.size >= MAX_PLAIN) known.clear();
		known.set(key, plain);
	}
	return plain;
}

/**
 * A translator for `lang`; French is the reference, English falls back to it key by key.
 * Most calls ask for a plain message, with or without `{{name}}` values: those are answered from
 * the message's text directly, as i18next would answer them (compared for every message in
 * i18n.test.ts). i18next's `t` resolves options, plurals and nesting on each call, which made it
 * the largest allocator of a registration (about a fifth of all it allocated, e-mail included).
 * Everything else goes to i18next.
 */
export function translator(lang: Lang): Translate {
	const { t } = i18nextInstance(lang);
	return (key, params) => {
		const plain = plainMessage(lang, key);
		if (plain && !(params && Object.keys(params).some(isOption))) {
			if (!plain.names.length) return plain.text;
			if (params && plain.names.every((n) => given(params, n))) {
				let i = 0;
				return plain.text.replace(PLACEHOLDER, () => String(params[plain.names[i++]]));
			}
		}
		return String(t(key, params ?? {}));
	};
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

/** The campaign form: FormData ⇄ the service's input, values kept as typed. */
import type { CampaignView } from './campaign.service.ts';

export interface CampaignFormValues {
	name: string;
	subject: string;
	body: string;
	lists: string[];
	registrations: string[];
	attended: boolean;
	attendedHalfDays: string[];
	attendedSessions: string[];
	absent: boolean;
	surveyNonRespondents: boolean;
	speakers: boolean;
	team: boolean;
	excludeRegistered: boolean;
	anchor: string;
	offsetDays: string;
	sendTime: string;
	fixedAt: string;
	/** The version the form was loaded from (hidden field; no lost update). */
	version: string;
}

export function readCampaignForm(form: FormData): CampaignFormValues {
	const s = (k: string) => String(form.get(k) ?? '');
	return {
		name: s('name'),
		subject: s('subject'),
		body: s('body'),
		lists: form.getAll('lists').map(String),
		registrations: form.getAll('registrations').map(String),
		attended: form.has('attended'),
		attendedHalfDays: form.getAll('attendedHalfDays').map(String),
		attendedSessions: form.getAll('attendedSessions').map(String),
		absent: form.has('absent'),
		surveyNonRespondents: form.has('surveyNonRespondents'),
		speakers: form.has('speakers'),
		team: form.has('team'),
		excludeRegistered: form.has('excludeRegistered'),
		anchor: s('anchor') || 'manual',
		offsetDays: s('offsetDays').trim(),
		sendTime: s('sendTime').trim() || '09:00',
		fixedAt: s('fixedAt').trim(),
		version: s('version')
	};
}

/** The service input; an offset typed as « J-30 », « -30 » or « 30 » reads as a number of days. */
export function campaignFormToInput(v: CampaignFormValues, status?: 'draft' | 'scheduled') {
	const offsetText = v.offsetDays.replace(/^[jJ]\s*/, '').replace(/[\u2212\u2013]/g, '-');
	const offset = offsetText === '' ? null : /^[+-]?\d+$/.test(offsetText) ? Number(offsetText) : offsetText;
	return {
		name: v.name,
		subject: v.subject,
		body: v.body,
		audience: {
			lists: v.lists,
			registrations: v.registrations,
			attended: v.attended,
			attendedHalfDays: v.attendedHalfDays,
			attendedSessions: v.attendedSessions,
			absent: v.absent,
			surveyNonRespondents: v.surveyNonRespondents,
			speakers: v.speakers,
			team: v.team,
			excludeRegistered: v.excludeRegistered
		},
		schedule: {
			anchor: v.anchor,
			offsetDays: v.anchor === 'start' || v.anchor === 'end' ? offset : null,
			sendTime: v.sendTime,
			fixedAt: v.anchor === 'fixed' ? v.fixedAt || null : null
		},
		...(status ? { status } : {})
	};
}

export function campaignToFormValues(c: CampaignView, fixedAtLocal: string): CampaignFormValues {
	return {
		name: c.name,
		subject: c.subject,
		body: c.body,
		lists: c.audience.lists,
		registrations: c.audience.registrations,
		attended: c.audience.attended,
		attendedHalfDays: c.audience.attendedHalfDays,
		attendedSessions: c.audience.attendedSessions,
		absent: c.audience.absent,
		surveyNonRespondents: c.audience.surveyNonRespondents,
		speakers: c.audience.speakers,
		team: c.audience.team,
		excludeRegistered: c.audience.excludeRegistered,
		anchor: c.schedule.anchor,
		offsetDays: c.schedule.offsetDays === null ? '' : String(c.schedule.offsetDays),
		sendTime: c.schedule.sendTime,
		fixedAt: fixedAtLocal,
		version: String(c.version)
	};
}

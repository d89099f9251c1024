/**
 * schema.org structured data embedded in the public pages, so that search engines and agendas
 * read the programme: the event with its sessions as sub-events, a session with its performers,
 * a speaker with the sessions they appear in.
 */
import { translator } from '../../../i18n/index.ts';
import type { Programme, PublicSpeakerView, SessionView } from '../programme.service.ts';
import { eventJsonLd, locationLd } from '../../events/event-json-ld.ts';

function person(sp: { name: string; organisation: string; roleTitle: string }, full?: PublicSpeakerView) {
	return {
		'@type': 'Person',
		name: sp.name,
		jobTitle: sp.roleTitle || undefined,
		affiliation: sp.organisation ? { '@type': 'Organization', name: sp.organisation } : undefined,
		image: full?.portraitUrl ?? undefined,
		url: full?.url
	};
}

function sessionLd(p: Programme, s: SessionView) {
	const t = translator('fr');
	const speakers = new Map(p.speakers.map((x) => [x.id, x]));
	const event = eventJsonLd(p.event);
	return {
		'@type': 'Event',
		name: s.title,
		startDate: s.startsAt,
		endDate: s.endsAt,
		url: s.url,
		description: s.description || undefined,
		eventAttendanceMode: event.eventAttendanceMode,
		eventStatus: 'https://schema.org/EventScheduled',
		location: locationLd(p.event, s.room?.name),
		organizer: event.organizer,
		offers: event.offers,
		about: s.themes.length ? s.themes : undefined,
		keywords: t(`programme.format.${s.format}`),
		performer: s.speakers.length ? s.speakers.map((sp) => person(sp, speakers.get(sp.speakerId))) : undefined,
		isAccessibleForFree: true,
		maximumAttendeeCapacity: s.capacity ?? undefined
	};
}

/** JSON text that is safe inside `<script type="application/ld+json">`: no `<` survives. */
export function ldScript(data: unknown): string {
	return JSON.stringify(data).replace(/</g, '\\u003c');
}

export function programmeJsonLd(p: Programme, sessions: readonly SessionView[] = p.sessions) {
	return {
		...eventJsonLd(p.event, {
			performers: p.speakers.map((sp) => ({ name: sp.name, url: sp.url, image: sp.portraitUrl }))
		}),
		// The list page carries the essentials of each session; each session's own page has the rest.
		subEvent: sessions.map((s) => ({
			'@type': 'Event',
			name: s.title,
			startDate: s.startsAt,
			endDate: s.endsAt,
			url: s.url,
			location: s.room ? { '@type': 'Place', name: s.room.name } : undefined,
			performer: s.speakers.length ? s.speakers.map((sp) => ({ '@type': 'Person', name: sp.name })) : undefined
		}))
	};
}

export function sessionJsonLd(p: Programme, s: SessionView) {
	return {
		'@context': 'https://schema.org',
		...sessionLd(p, s),
		superEvent: { '@type': 'Event', name: p.event.title, url: p.event.url, startDate: p.event.startsAt, endDate: p.event.endsAt }
	};
}

export function speakerJsonLd(p: Programme, sp: PublicSpeakerView) {
	return {
		'@context': 'https://schema.org',
		...person(sp, sp),
		description: sp.bio || undefined,
		performerIn: p.sessions
			.filter((s) => s.speakerIds.includes(sp.id))
			.map((s) => ({ '@type': 'Event', name: s.title, startDate: s.startsAt, url: s.url }))
	};
}

/** View models of the public programme pages: only what each page shows. */
import type { Programme } from './programme.service.ts';
import type { Filters } from '../../ui/programme/grouping.ts';

/** The public programme page: sessions, rooms, speakers' names, the visitor's filters and choices. */
export function programmePageView(programme: Programme, filters: Filters, chosen: string[]) {
	const ev = programme.event;
	return {
		event: {
			slug: ev.slug,
			title: ev.title,
			status: ev.status,
			startsAt: ev.startsAt,
			endsAt: ev.endsAt,
			themes: ev.themes,
			venue: ev.venue ? { name: ev.venue.name, commune: ev.venue.commune } : null,
			organisers: ev.organisers.map((o) => o.name)
		},
		days: programme.days,
		rooms: programme.rooms.map((r) => ({ id: r.id, name: r.name, accessibilityNotes: r.accessibilityNotes })),
		sessions: programme.sessions.map((x) => ({
			id: x.id,
			title: x.title,
			format: x.format,
			startsAt: x.startsAt,
			endsAt: x.endsAt,
			roomId: x.roomId,
			room: x.room,
			themes: x.themes,
			speakerIds: x.speakerIds,
			speakers: x.speakers.map((sp) => ({ speakerId: sp.speakerId, name: sp.name, organisation: sp.organisation, part: sp.part })),
			audience: x.audience,
			requiresRegistration: x.requiresRegistration,
			capacity: x.capacity
		})),
		speakers: programme.speakers.map((sp) => ({ id: sp.id, name: sp.name, organisation: sp.organisation })),
		filters,
		chosen
	};
}

export type ProgrammePageView = ReturnType<typeof programmePageView>;

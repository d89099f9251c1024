import { getEvent } from '#lib/server/events/event.service.ts';
import { getRegistrationSummary } from '#lib/server/registrations/registration.service.ts';
import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { listEventImages } from '#lib/server/programme/event-image.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { eventJsonLd } from '#lib/server/events/event-json-ld.ts';
import { ldScript } from '#lib/server/programme/exports/json-ld.ts';
import type { PageServerLoad } from './$types';

/** How many speakers and highlights the event page shows before linking to the full lists. */
const SPEAKERS_SHOWN = 8;
const HIGHLIGHTS_SHOWN = 4;
/** Formats that make a programme's highlights (plenaries, round tables, masterclasses). */
const HIGHLIGHT_FORMATS = new Set(['plenary', 'round-table', 'masterclass']);

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	const [event, registration, programme, images] = await loadOr404(locals.t, () =>
		Promise.all([
			getEvent(ctx, locals.actor, params.slug),
			getRegistrationSummary(ctx, locals.actor, params.slug),
			getPublicProgramme(ctx, locals.actor, params.slug),
			listEventImages(ctx, locals.actor, params.slug)
		])
	);
	// Speakers with a portrait first: the organisers' reports keep "speakers' portraits" as what sells.
	const speakers = [...programme.speakers].sort((a, b) => Number(!!b.portraitUrl) - Number(!!a.portraitUrl)).slice(0, SPEAKERS_SHOWN);
	const highlights = programme.sessions
		.filter((s) => HIGHLIGHT_FORMATS.has(s.format))
		.slice(0, HIGHLIGHTS_SHOWN)
		.map((s) => ({ id: s.id, title: s.title, format: s.format, startsAt: s.startsAt, endsAt: s.endsAt, room: s.room?.name ?? null }));
	return {
		event,
		registration,
		images,
		// Search engines show the banner, at its largest width (the last of its `srcset`).
		jsonLd: ldScript(
			eventJsonLd(event, {
				image: images.banner ? new URL(images.banner.srcset.split(', ').at(-1)!.split(' ')[0], event.url).href : undefined
			})
		),
		speakers,
		speakerCount: programme.speakers.length,
		sessionCount: programme.sessions.length,
		highlights,
		access: programme.rooms.filter((r) => r.accessibilityNotes).map((r) => ({ name: r.name, notes: r.accessibilityNotes }))
	};
};

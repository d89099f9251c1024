import { getEvent } from '#lib/server/events/event.service.ts';
import { eventToIcal } from '#lib/server/events/event-ical.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The event as one calendar entry (« Ajouter à mon agenda »). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const event = await loadOr404(locals.t, () => getEvent(serviceContext(locals), locals.actor, params.slug));
	return new Response(eventToIcal(event, new URL(locals.app.config.publicUrl).host), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${event.slug}.ics"`,
			'cache-control': event.status === 'draft' ? 'private, no-store' : 'public, max-age=300'
		}
	});
};

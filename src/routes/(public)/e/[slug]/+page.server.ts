import { getEvent } from '#lib/server/events/event.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { eventJsonLd } from '#lib/server/events/event-json-ld.ts';
import { ldScript } from '#lib/server/programme/exports/json-ld.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const event = await loadOr404(locals.t, () => getEvent(serviceContext(locals), locals.actor, params.slug));
	return { event, jsonLd: ldScript(eventJsonLd(event)) };
};

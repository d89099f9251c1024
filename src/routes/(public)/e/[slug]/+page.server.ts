import { getEvent } from '#lib/server/events/event.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const event = await loadOr404(locals.t, () => getEvent(serviceContext(locals), locals.actor, params.slug));
	return { event };
};

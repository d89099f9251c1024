import { getEventForTeam } from '#lib/server/events/event.service.ts';
import { loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const event = await loadOr404(locals.t, () => getEventForTeam(serviceContext(locals), actor, params.slug));
	return { event };
};

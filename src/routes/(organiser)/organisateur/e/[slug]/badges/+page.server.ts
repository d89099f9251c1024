import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getRegistrationStats } from '#lib/server/registrations/participants.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const stats = await loadOr404(locals.t, () => getRegistrationStats(serviceContext(locals), actor, params.slug));
	return { count: stats.participants };
};

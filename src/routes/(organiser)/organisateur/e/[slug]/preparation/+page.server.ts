import { getPreparationOverview } from '#lib/server/planning/preparation.service.ts';
import { loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	return { overview: await loadOr404(locals.t, () => getPreparationOverview(serviceContext(locals), actor, params.slug)) };
};

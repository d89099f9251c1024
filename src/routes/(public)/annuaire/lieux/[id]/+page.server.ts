import { getPlace } from '#lib/server/directory/place.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	place: await loadOr404(locals.t, () => getPlace(serviceContext(locals), params.id))
});

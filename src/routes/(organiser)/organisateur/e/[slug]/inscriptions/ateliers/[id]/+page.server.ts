import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getSessionList } from '#lib/server/registrations/participants.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const { session, confirmed, waitlist } = await loadOr404(locals.t, () =>
		getSessionList(serviceContext(locals), actor, params.slug, params.id)
	);
	return { session, confirmed, waitlist };
};

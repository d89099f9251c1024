import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	return { event: programme.event, speakers: programme.speakers, sessions: programme.sessions };
};

import { getPublicProgramme } from '#lib/server/programme/programme.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

/** A visitor's own choice of sessions, carried by the URL (`?s=…&s=…`): no account, nothing stored on the server. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const programme = await loadOr404(locals.t, () => getPublicProgramme(serviceContext(locals), locals.actor, params.slug));
	const wanted = new Set(url.searchParams.getAll('s').slice(0, 500));
	return { event: programme.event, sessions: programme.sessions.filter((s) => wanted.has(s.id)) };
};

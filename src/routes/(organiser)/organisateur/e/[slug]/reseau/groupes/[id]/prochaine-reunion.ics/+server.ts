import { loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { nextMeetingIcsForTeam } from '#lib/server/groups/groups.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ics = await loadOr404(locals.t, () => nextMeetingIcsForTeam(serviceContext(locals), actor, params.slug, params.id));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="groupe-de-travail.ics"',
			'cache-control': 'private, no-store'
		}
	});
};

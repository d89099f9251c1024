import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { nextMeetingIcsForParticipant } from '#lib/server/groups/groups.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const ics = await loadOr404(locals.t, () => nextMeetingIcsForParticipant(serviceContext(locals), params.token, params.id));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="groupe-de-travail.ics"',
			'cache-control': 'private, no-store',
			'referrer-policy': 'same-origin'
		}
	});
};

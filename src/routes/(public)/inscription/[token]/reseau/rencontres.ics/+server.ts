import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { myMeetingsIcs } from '#lib/server/network/meeting.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const ics = await loadOr404(locals.t, () => myMeetingsIcs(serviceContext(locals), params.token, locals.lang));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="rencontres.ics"',
			'cache-control': 'private, no-store',
			'referrer-policy': 'same-origin'
		}
	});
};

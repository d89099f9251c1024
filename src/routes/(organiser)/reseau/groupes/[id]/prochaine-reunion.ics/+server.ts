import { nextMeetingIcsOfAccount } from '#lib/server/groups/account-groups.service.ts';
import { loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The next meeting of one of the account's groups, as an iCalendar file. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ics = await loadOr404(locals.t, () => nextMeetingIcsOfAccount(serviceContext(locals), actor, params.id));
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="prochaine-reunion.ics"',
			'cache-control': 'private, no-store'
		}
	});
};

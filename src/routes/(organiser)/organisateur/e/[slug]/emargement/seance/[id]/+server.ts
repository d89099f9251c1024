import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { sessionSheet } from '#lib/server/checkin/attendance.service.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** The attendance sheet of a session, as PDF; audited. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	return fileResponse(await loadOr404(locals.t, () => sessionSheet(serviceContext(locals), actor, params.slug, params.id, locals.lang)));
};

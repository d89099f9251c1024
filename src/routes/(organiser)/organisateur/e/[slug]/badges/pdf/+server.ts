import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { badges } from '#lib/server/checkin/attendance.service.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** Badges of the confirmed participants, or of one (`?inscription=id`), as PDF; audited. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const registrationId = url.searchParams.get('inscription') ?? undefined;
	return fileResponse(
		await loadOr404(locals.t, () => badges(serviceContext(locals), actor, params.slug, { registrationId, lang: locals.lang }))
	);
};

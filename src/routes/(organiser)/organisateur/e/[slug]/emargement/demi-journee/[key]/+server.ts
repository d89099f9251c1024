import { error } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { halfDaySheet } from '#lib/server/checkin/attendance.service.ts';
import { halfDayFromSlug } from '#lib/server/registrations/half-days.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** The attendance sheet of a half-day (`2027-06-10-matin`), as PDF; audited. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const key = halfDayFromSlug(params.key);
	if (!key) error(404, locals.t('errors.notFound'));
	return fileResponse(await loadOr404(locals.t, () => halfDaySheet(serviceContext(locals), actor, params.slug, key, locals.lang)));
};

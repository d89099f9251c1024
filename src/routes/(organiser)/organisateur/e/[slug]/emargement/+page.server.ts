import { requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { listAttendanceDocuments } from '#lib/server/checkin/attendance.service.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	return { docs: await loadOr404(locals.t, () => listAttendanceDocuments(serviceContext(locals), actor, params.slug, locals.lang)) };
};

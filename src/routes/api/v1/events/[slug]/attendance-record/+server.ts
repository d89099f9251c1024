import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { attendanceRecord } from '#lib/server/checkin/attendance.service.ts';
import { csvOptionsFrom } from '#lib/server/csv.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** The attendance record (`?format=csv|xlsx`, CSV choices); audited. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const format = url.searchParams.get('format') === 'xlsx' ? 'xlsx' : 'csv';
		const csv = csvOptionsFrom(url.searchParams);
		return fileResponse(await attendanceRecord(serviceContext(locals), actor, params.slug, format, locals.lang, csv));
	});

import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { fileResponse } from '#lib/server/registrations/registration.http.ts';
import { reportPdfFile } from '#lib/server/reports/report.export.ts';
import { getReport } from '#lib/server/reports/report.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const read = await getReport(serviceContext(locals), optionalActor(locals), params.slug, locals.lang);
		return fileResponse(await reportPdfFile(read.report, locals.lang, read.showPerSession));
	});

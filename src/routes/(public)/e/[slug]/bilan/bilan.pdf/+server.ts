import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getPublicReport } from '#lib/server/reports/report.service.ts';
import { reportPdfFile } from '#lib/server/reports/report.export.ts';
import type { RequestHandler } from './$types';

/** The published report as a PDF. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { report, showPerSession } = await loadOr404(locals.t, () => getPublicReport(serviceContext(locals), params.slug, locals.lang));
	const file = await reportPdfFile(report, locals.lang, showPerSession);
	return new Response(new Uint8Array(file.body), {
		headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` }
	});
};

import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getPublicReport } from '#lib/server/reports/report.service.ts';
import { openDataCsv } from '#lib/server/reports/report.export.ts';
import { csvOptionsFrom } from '#lib/server/csv.ts';
import type { RequestHandler } from './$types';

/** The same figures as CSV: `indicateur;clé;valeur`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const ctx = serviceContext(locals);
	const csv = await loadOr404(locals.t, async () => csvOptionsFrom(url.searchParams));
	const { report } = await loadOr404(locals.t, () => getPublicReport(ctx, params.slug, locals.lang));
	const file = await openDataCsv(
		report,
		ctx.publicUrl,
		[locals.t('reports.csv.indicator'), locals.t('reports.csv.key'), locals.t('reports.csv.value')],
		csv
	);
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `inline; filename="${file.filename}"`,
			'access-control-allow-origin': '*'
		}
	});
};

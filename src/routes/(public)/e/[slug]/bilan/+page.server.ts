import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getPublicReport } from '#lib/server/reports/report.service.ts';
import { presentReport } from '#lib/server/reports/report.present.ts';
import { withCharts } from '#lib/server/reports/report.charts.ts';
import { reportJsonLd } from '#lib/server/reports/report.jsonld.ts';
import { ldScript } from '#lib/server/programme/exports/json-ld.ts';
import type { PageServerLoad } from './$types';

/** The published report: aggregates, session contents, chosen quotes without names, the review. */
export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	const { report, showPerSession } = await loadOr404(locals.t, () => getPublicReport(ctx, params.slug, locals.lang));
	const sections = withCharts(presentReport(report, { lang: locals.lang, showPerSession, onlyShown: true }), (title) =>
		locals.t('reports.edit.chart', { title })
	);
	return { title: report.event.title, slug: report.event.slug, sections, jsonLd: ldScript(reportJsonLd(report, ctx.publicUrl)) };
};

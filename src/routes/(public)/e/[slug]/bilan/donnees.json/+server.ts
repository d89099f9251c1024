import { json } from '@sveltejs/kit';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getPublicReport } from '#lib/server/reports/report.service.ts';
import { openDataOf } from '#lib/server/reports/report.export.ts';
import type { RequestHandler } from './$types';

/** The published report's aggregate figures (Licence Ouverte 2.0). */
export const GET: RequestHandler = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	const { report } = await loadOr404(locals.t, () => getPublicReport(ctx, params.slug, locals.lang));
	return json(openDataOf(report, ctx.publicUrl), { headers: { 'access-control-allow-origin': '*' } });
};

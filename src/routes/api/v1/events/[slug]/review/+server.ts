import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { etagOf, ifMatchVersionsOrNew } from '#lib/server/edit-version.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getReport, getReportVersion, updateReview } from '#lib/server/reports/report.service.ts';
import type { RequestHandler } from './$types';

/** The review, with the report's version as its ETag (send it back in If-Match to PUT). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const ctx = serviceContext(locals);
		const actor = requireActor(locals);
		const review = (await getReport(ctx, actor, params.slug, locals.lang)).report.review;
		return json(review, { headers: { etag: etagOf(await getReportVersion(ctx, actor, params.slug)) } });
	});

export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const ctx = serviceContext(locals);
		const actor = requireActor(locals);
		const review = await updateReview(
			ctx,
			actor,
			params.slug,
			await readJson(request, locals.t),
			ifMatchVersionsOrNew(request.headers.get('if-match'))
		);
		return json(review, { headers: { etag: etagOf(await getReportVersion(ctx, actor, params.slug)) } });
	});

import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { etagOf, ifMatchVersionsOrNew } from '#lib/server/edit-version.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getReportVersion, updateReportSettings } from '#lib/server/reports/report.service.ts';
import type { RequestHandler } from './$types';

/**
 * The report's display settings, as the report page's form: replaced whole; the report's version as
 * ETag (`"0"` before anything of it was written).
 */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const ctx = serviceContext(locals);
		const actor = requireActor(locals);
		await updateReportSettings(
			ctx,
			actor,
			params.slug,
			await readJson(request, locals.t),
			ifMatchVersionsOrNew(request.headers.get('if-match'))
		);
		return new Response(null, { status: 204, headers: { etag: etagOf(await getReportVersion(ctx, actor, params.slug)) } });
	});

import { apiHandler, ifMatch, readJson, requireActor } from '#lib/server/api/api.ts';
import { etagOf } from '#lib/server/edit-version.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getReportVersion, updateReportSettings } from '#lib/server/reports/report.service.ts';
import type { RequestHandler } from './$types';

/** The report's display settings, as the report page's form: replaced whole; the report's version as ETag. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const ctx = serviceContext(locals);
		const actor = requireActor(locals);
		await updateReportSettings(ctx, actor, params.slug, await readJson(request, locals.t), ifMatch(request));
		return new Response(null, { status: 204, headers: { etag: etagOf(await getReportVersion(ctx, actor, params.slug)) } });
	});

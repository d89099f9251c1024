import { json } from '@sveltejs/kit';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getReport, setReportPublished } from '#lib/server/reports/report.service.ts';
import type { RequestHandler } from './$types';

/** The report: the team's version with a token, the public one (once published) without. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json((await getReport(serviceContext(locals), optionalActor(locals), params.slug, locals.lang)).report));

/** `{"published": true|false}`: publishes or withdraws the public report. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		await setReportPublished(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json((await getReport(serviceContext(locals), actor, params.slug, locals.lang)).report);
	});

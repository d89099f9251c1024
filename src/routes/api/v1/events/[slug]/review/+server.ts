import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getReport, updateReview } from '#lib/server/reports/report.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json((await getReport(serviceContext(locals), requireActor(locals), params.slug, locals.lang)).report.review)
	);

export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		json(await updateReview(serviceContext(locals), requireActor(locals), params.slug, await readJson(request, locals.t)))
	);

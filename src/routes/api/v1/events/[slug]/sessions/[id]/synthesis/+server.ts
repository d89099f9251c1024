import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getSynthesis, saveSynthesis } from '#lib/server/reports/synthesis.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json((await getSynthesis(serviceContext(locals), requireActor(locals), params.slug, params.id)).synthesis)
	);

export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		json(await saveSynthesis(serviceContext(locals), requireActor(locals), params.slug, params.id, await readJson(request, locals.t)))
	);

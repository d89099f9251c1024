import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { addTimeEntry, listTime } from '#lib/server/planning/committee.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json((await listTime(serviceContext(locals), requireActor(locals), params.slug)).entries));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		json(await addTimeEntry(serviceContext(locals), requireActor(locals), params.slug, await readJson(request, locals.t)), { status: 201 })
	);

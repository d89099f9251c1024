import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { getMembership, requestMembership } from '#lib/server/directory/membership.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await getMembership(serviceContext(locals), requireActor(locals), params.id)));

/** « Je fais partie de cette structure ». */
export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		return json(await requestMembership(serviceContext(locals), actor, params.id, body), { status: 201 });
	});

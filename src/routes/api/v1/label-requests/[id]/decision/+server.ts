import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { decideLabelRequest } from '#lib/server/national/label-request.service.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(await decideLabelRequest(serviceContext(locals), actor, params.id, await readJson(request, locals.t)));
	});

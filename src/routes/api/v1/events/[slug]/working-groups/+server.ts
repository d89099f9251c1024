import { json } from '@sveltejs/kit';
import { createGroup, listWorkingGroups } from '#lib/server/groups/groups.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listWorkingGroups(serviceContext(locals), requireActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const group = await createGroup(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(group, { status: 201 });
	});

import { json } from '@sveltejs/kit';
import { createGroupFromBody, listVisibleGroups } from '#lib/server/groups/follow-up.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () =>
		json(await listVisibleGroups(serviceContext(locals), requireActor(locals), url.searchParams.get('event')))
	);

export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const group = await createGroupFromBody(serviceContext(locals), actor, await readJson(request, locals.t));
		return json(group, { status: 201 });
	});

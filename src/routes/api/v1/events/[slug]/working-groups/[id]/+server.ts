import { apiHandler, ifMatch, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { getWorkingGroup, patchGroup } from '#lib/server/groups/groups.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => jsonWithEtag(await getWorkingGroup(serviceContext(locals), requireActor(locals), params.slug, params.id)));

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		return jsonWithEtag(await patchGroup(serviceContext(locals), actor, params.slug, params.id, body, ifMatch(request)));
	});

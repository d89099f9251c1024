import { json } from '@sveltejs/kit';
import { apiHandler, atBodyVersion, readJson, requireActor } from '#lib/server/api/api.ts';
import { editStructurePlace } from '#lib/server/directory/membership.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** A member's direct edit of one field of one of the structure's places. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		return json(await atBodyVersion(() => editStructurePlace(serviceContext(locals), actor, params.id, params.placeId, body)));
	});

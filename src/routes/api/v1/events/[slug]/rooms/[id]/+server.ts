import { deleteRoom, updateRoom } from '#lib/server/programme/room.service.ts';
import { apiHandler, ifMatch, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		jsonWithEtag(
			await updateRoom(
				serviceContext(locals),
				requireActor(locals),
				params.slug,
				params.id,
				await readJson(request, locals.t),
				ifMatch(request)
			)
		)
	);

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteRoom(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});

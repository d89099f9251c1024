import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { parseProgramme, roomMoveSchema } from '#lib/server/programme/programme.schema.ts';
import { moveRoom } from '#lib/server/programme/room.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Moves a room one place up or down, as the arrows of the « Espaces » page; answers every room in the new order. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const { direction } = parseProgramme(roomMoveSchema, await readJson(request, locals.t));
		return json(await moveRoom(serviceContext(locals), actor, params.slug, params.id, direction));
	});

import { json } from '@sveltejs/kit';
import { createRoom, listRooms } from '#lib/server/programme/room.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listRooms(serviceContext(locals), optionalActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const room = await createRoom(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(room, { status: 201, headers: { location: `/api/v1/events/${params.slug}/rooms/${room.id}` } });
	});

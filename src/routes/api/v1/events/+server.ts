import { json } from '@sveltejs/kit';
import { createEvent, listEventsForApi } from '#lib/server/events/event.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => json(await listEventsForApi(serviceContext(locals), optionalActor(locals))));

export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const event = await createEvent(serviceContext(locals), actor, await readJson(request, locals.t));
		return json(event, { status: 201, headers: { location: `/api/v1/events/${event.slug}` } });
	});

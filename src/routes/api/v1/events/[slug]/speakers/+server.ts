import { json } from '@sveltejs/kit';
import { createSpeaker, listSpeakers } from '#lib/server/programme/speaker.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listSpeakers(serviceContext(locals), optionalActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const speaker = await createSpeaker(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(speaker, { status: 201, headers: { location: `/api/v1/events/${params.slug}/speakers/${speaker.id}` } });
	});

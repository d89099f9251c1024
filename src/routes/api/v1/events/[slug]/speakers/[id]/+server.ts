import { json } from '@sveltejs/kit';
import { deleteSpeaker, listSpeakers, updateSpeaker } from '#lib/server/programme/speaker.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const speaker = (await listSpeakers(serviceContext(locals), optionalActor(locals), params.slug)).find((s) => s.id === params.id);
		if (!speaker) throw new NotFoundError('speaker');
		return json(speaker);
	});

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		json(await updateSpeaker(serviceContext(locals), requireActor(locals), params.slug, params.id, await readJson(request, locals.t)))
	);

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteSpeaker(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});

import { json } from '@sveltejs/kit';
import { deleteSpeaker, getSpeaker, updateSpeaker } from '#lib/server/programme/speaker.service.ts';
import { apiHandler, ifMatch, jsonWithEtag, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const speaker = await getSpeaker(serviceContext(locals), optionalActor(locals), params.slug, params.id);
		// Only the team's view is editable, hence versioned.
		return 'version' in speaker ? jsonWithEtag(speaker) : json(speaker);
	});

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () =>
		jsonWithEtag(
			await updateSpeaker(
				serviceContext(locals),
				requireActor(locals),
				params.slug,
				params.id,
				await readJson(request, locals.t),
				undefined,
				ifMatch(request)
			)
		)
	);

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteSpeaker(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});

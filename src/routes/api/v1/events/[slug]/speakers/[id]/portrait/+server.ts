import { json } from '@sveltejs/kit';
import { removeSpeakerPortrait, setSpeakerPortrait } from '#lib/server/programme/speaker.service.ts';
import { readRawUpload } from '#lib/server/programme/programme.http.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The image itself is the body (`Content-Type: image/jpeg`…); `?alt=` sets its text alternative. */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const upload = await readRawUpload(request, 'portrait', 'portrait');
		const alt = url.searchParams.get('alt') ?? undefined;
		return json(await setSpeakerPortrait(serviceContext(locals), actor, params.slug, params.id, upload, alt));
	});

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await removeSpeakerPortrait(serviceContext(locals), requireActor(locals), params.slug, params.id)));

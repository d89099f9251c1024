import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { getProgrammeSettings, updateProgrammeSettings } from '#lib/server/programme/programme.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await getProgrammeSettings(serviceContext(locals), requireActor(locals), params.slug)));

/** The programme's settings, as the « Réglages » form of the programme page saves them. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(await updateProgrammeSettings(serviceContext(locals), actor, params.slug, await readJson(request, locals.t)));
	});

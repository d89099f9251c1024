import { apiHandler, ifMatch, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { getProgrammeSettings, updateProgrammeSettings } from '#lib/server/programme/programme.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => jsonWithEtag(await getProgrammeSettings(serviceContext(locals), requireActor(locals), params.slug)));

/** The programme's settings, as the « Réglages » form of the programme page saves them; If-Match: the ETag GET gave. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		return jsonWithEtag(await updateProgrammeSettings(serviceContext(locals), actor, params.slug, body, ifMatch(request)));
	});

import { json } from '@sveltejs/kit';
import { decideCorrection } from '#lib/server/directory/suggestion.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const decided = await decideCorrection(serviceContext(locals), actor, params.id, await readJson(request, locals.t));
		locals.app.kickMail();
		return json(decided);
	});

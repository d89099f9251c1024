import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { addQuestionForApi } from '#lib/server/api/screens.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const question = await addQuestionForApi(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(question, { status: 201 });
	});

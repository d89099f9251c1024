import { deleteTask, getTask, taskForApi, updateTask } from '#lib/server/planning/task.service.ts';
import { apiHandler, ifMatch, jsonWithEtag, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		jsonWithEtag(taskForApi(await getTask(serviceContext(locals), optionalActor(locals), params.slug, params.id)))
	);

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const input = await readJson(request, locals.t);
		return jsonWithEtag(
			taskForApi(await updateTask(serviceContext(locals), actor, params.slug, params.id, input, new Date(), ifMatch(request)))
		);
	});

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteTask(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});

import { json } from '@sveltejs/kit';
import { getStructureModeration, mergeStructures } from '#lib/server/directory/structure.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => json(await getStructureModeration(serviceContext(locals), requireActor(locals))));

export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		await mergeStructures(serviceContext(locals), actor, await readJson(request, locals.t));
		return new Response(null, { status: 204 });
	});

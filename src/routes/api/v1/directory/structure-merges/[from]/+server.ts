import { unmergeStructure } from '#lib/server/directory/structure.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await unmergeStructure(serviceContext(locals), requireActor(locals), params.from);
		return new Response(null, { status: 204 });
	});

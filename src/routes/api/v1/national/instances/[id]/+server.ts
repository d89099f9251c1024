import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { unfollowInstance } from '#lib/server/federation/federation.service.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await unfollowInstance(serviceContext(locals), requireActor(locals), params.id);
		return new Response(null, { status: 204 });
	});

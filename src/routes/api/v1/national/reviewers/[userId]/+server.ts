import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { revokeReviewer } from '#lib/server/national/reviewer.service.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await revokeReviewer(serviceContext(locals), requireActor(locals), params.userId);
		return new Response(null, { status: 204 });
	});

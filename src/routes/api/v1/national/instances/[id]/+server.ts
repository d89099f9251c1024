import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { unfollowInstanceWithActivityPub } from '#lib/server/activitypub/follow.service.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await unfollowInstanceWithActivityPub(serviceContext(locals), await locals.app.activitypub(), requireActor(locals), params.id);
		return new Response(null, { status: 204 });
	});

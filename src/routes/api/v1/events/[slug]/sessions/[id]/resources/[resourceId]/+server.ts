import { deleteResource } from '#lib/server/programme/session.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteResource(serviceContext(locals), requireActor(locals), params.slug, params.id, params.resourceId);
		return new Response(null, { status: 204 });
	});

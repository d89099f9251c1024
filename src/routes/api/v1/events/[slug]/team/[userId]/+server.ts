import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { removeMember } from '#lib/server/events/team.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await removeMember(serviceContext(locals), requireActor(locals), params.slug, params.userId);
		return new Response(null, { status: 204 });
	});

import { revokeInvitation } from '#lib/server/groups/invitation.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await revokeInvitation(serviceContext(locals), requireActor(locals), params.slug, params.id, params.invitationId);
		return new Response(null, { status: 204 });
	});

import { json } from '@sveltejs/kit';
import { inviteAsCoordinator, inviteAsTeam, listInvitations } from '#lib/server/groups/invitation.service.ts';
import { networkApi } from '#lib/server/network/network.http.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listInvitations(serviceContext(locals), requireActor(locals), params.slug, params.id)));

/** The team with an API token, or a coordinator of the group with their private link's token. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	networkApi(locals, request, async (who) => {
		const input = await readJson(request, locals.t);
		const ctx = serviceContext(locals);
		const made =
			'token' in who
				? await inviteAsCoordinator(ctx, who.token, params.id, input, { eventSlug: params.slug })
				: await inviteAsTeam(ctx, who.actor, params.slug, params.id, input);
		locals.app.kickMail();
		return json(made, { status: 201 });
	});

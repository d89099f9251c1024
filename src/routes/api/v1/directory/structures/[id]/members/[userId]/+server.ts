import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { decideMembership, removeMembership } from '#lib/server/directory/membership.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Accepts or refuses a request (members, moderators); the person is told by e-mail. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		const view = await decideMembership(serviceContext(locals), actor, params.id, params.userId, body);
		locals.app.kickMail();
		return json(view);
	});

/** Leaves (oneself) or removes someone (moderators). */
export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await removeMembership(serviceContext(locals), requireActor(locals), params.id, params.userId);
		return new Response(null, { status: 204 });
	});

import { apiHandler, jsonWithEtag, patchAtVersion, readJson, requireActor } from '#lib/server/api/api.ts';
import { changeMemberRole, getMember, removeMember } from '#lib/server/events/team.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => jsonWithEtag(await getMember(serviceContext(locals), requireActor(locals), params.slug, params.userId)));

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		const ctx = serviceContext(locals);
		return jsonWithEtag(
			await patchAtVersion(request, body, (input, v) => changeMemberRole(ctx, actor, params.slug, params.userId, input, v))
		);
	});

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await removeMember(serviceContext(locals), requireActor(locals), params.slug, params.userId);
		return new Response(null, { status: 204 });
	});

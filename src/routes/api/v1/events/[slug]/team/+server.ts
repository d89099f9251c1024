import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { inviteMemberForApi, listTeamForApi } from '#lib/server/api/screens.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listTeamForApi(serviceContext(locals), requireActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const { body, created } = await inviteMemberForApi(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		locals.app.kickMail();
		return json(body, { status: created ? 201 : 200 });
	});

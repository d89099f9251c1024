import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { listFollowedInstances } from '#lib/server/federation/federation.service.ts';
import { followInstanceWithActivityPub } from '#lib/server/activitypub/follow.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => json(await listFollowedInstances(serviceContext(locals), requireActor(locals))));

export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(
			await followInstanceWithActivityPub(serviceContext(locals), await locals.app.activitypub(), actor, await readJson(request, locals.t)),
			{
				status: 201
			}
		);
	});

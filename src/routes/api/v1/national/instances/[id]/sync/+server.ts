import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { syncInstanceWithActivityPub } from '#lib/server/activitypub/follow.service.ts';
import type { RequestHandler } from './$types';

/** Reads the instance's feed now (administrators), as the 15-minute job does; over ActivityPub, follows again and reads its outbox. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json(await syncInstanceWithActivityPub(serviceContext(locals), await locals.app.activitypub(), requireActor(locals), params.id))
	);

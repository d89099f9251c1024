import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { syncInstanceNow } from '#lib/server/federation/federation.service.ts';
import type { RequestHandler } from './$types';

/** Reads the instance's feed now (administrators), as the 15-minute job does. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await syncInstanceNow(serviceContext(locals), requireActor(locals), params.id)));

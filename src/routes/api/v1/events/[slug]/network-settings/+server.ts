import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getNetworkOverview } from '#lib/server/network/overview.service.ts';
import { updateNetworkSettings } from '#lib/server/network/profile.service.ts';
import type { RequestHandler } from './$types';

/** The network page's settings, as its form shows them (the team). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json((await getNetworkOverview(serviceContext(locals), requireActor(locals), params.slug)).settings));

/** The network page's settings: where participants meet, how long the directory stays open. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(await updateNetworkSettings(serviceContext(locals), actor, params.slug, await readJson(request, locals.t)));
	});

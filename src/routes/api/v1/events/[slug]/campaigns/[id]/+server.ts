import { json } from '@sveltejs/kit';
import { getCampaign, updateCampaign } from '#lib/server/campaigns/campaign.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json((await getCampaign(serviceContext(locals), requireActor(locals), params.slug, params.id)).campaign));

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(await updateCampaign(serviceContext(locals), actor, params.slug, params.id, await readJson(request, locals.t)));
	});

import { json } from '@sveltejs/kit';
import { createCampaign, listCampaigns } from '#lib/server/campaigns/campaign.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listCampaigns(serviceContext(locals), requireActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const campaign = await createCampaign(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(campaign, { status: 201, headers: { location: `/api/v1/events/${params.slug}/campaigns/${campaign.id}` } });
	});

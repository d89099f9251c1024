import { json } from '@sveltejs/kit';
import { cancelCampaign } from '#lib/server/campaigns/campaign.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await cancelCampaign(serviceContext(locals), requireActor(locals), params.slug, params.id)));

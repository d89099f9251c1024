import { json } from '@sveltejs/kit';
import { sendCampaignNow } from '#lib/server/campaigns/campaign.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const campaign = await sendCampaignNow(serviceContext(locals), requireActor(locals), params.slug, params.id);
		locals.app.kickMail();
		return json(campaign, { status: 202 });
	});

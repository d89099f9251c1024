import { json } from '@sveltejs/kit';
import { sendTestCampaign } from '#lib/server/campaigns/campaign.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Sends the campaign once to the caller's own address, as the page's « Envoyer un test ». */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const sent = await sendTestCampaign(serviceContext(locals), requireActor(locals), params.slug, params.id);
		locals.app.kickMail();
		return json(sent);
	});

import { json } from '@sveltejs/kit';
import { sendTestWebhook } from '#lib/server/webhooks/webhook.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json(await sendTestWebhook(serviceContext(locals), requireActor(locals), params.slug, params.id), { status: 202 })
	);

import { json } from '@sveltejs/kit';
import { createWebhook, listWebhooks } from '#lib/server/webhooks/webhook.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listWebhooks(serviceContext(locals), requireActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const created = await createWebhook(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(created, {
			status: 201,
			headers: { location: `/api/v1/events/${params.slug}/webhooks/${created.id}`, 'cache-control': 'no-store' }
		});
	});

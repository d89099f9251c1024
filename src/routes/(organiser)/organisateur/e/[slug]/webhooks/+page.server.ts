import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, sendTestWebhook } from '#lib/server/webhooks/webhook.service.ts';
import { WEBHOOK_EVENTS } from '#lib/server/webhooks/webhook.schema.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const webhooks = await loadOr404(locals.t, () => listWebhooks(ctx, actor, params.slug));
	const shown = url.searchParams.get('journal');
	const deliveries = shown && webhooks.some((w) => w.id === shown) ? await listDeliveries(ctx, actor, params.slug, shown) : null;
	return { webhooks, eventTypes: [...WEBHOOK_EVENTS], shown: deliveries ? shown : null, deliveries };
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = { url: String(form.get('url') ?? ''), events: form.getAll('events').map(String) };
		const res = await formAction(locals, values, () => createWebhook(serviceContext(locals), actor, params.slug, values));
		if (!res.ok) return res.failure;
		// The secret is shown this once, in this answer; it is never stored in clear anywhere a page reads again.
		return { created: { url: res.result.url, secret: res.result.secret } };
	},
	remove: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, () => deleteWebhook(serviceContext(locals), actor, params.slug, id));
		if (!res.ok) return res.failure;
		return { removed: true };
	},
	test: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, () => sendTestWebhook(serviceContext(locals), actor, params.slug, id));
		if (!res.ok) return res.failure;
		return { tested: true };
	}
};

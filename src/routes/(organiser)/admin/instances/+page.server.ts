import { listFollowedInstances } from '#lib/server/federation/federation.service.ts';
import {
	followInstanceWithActivityPub,
	syncInstanceWithActivityPub,
	unfollowInstanceWithActivityPub
} from '#lib/server/activitypub/follow.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	instances: await loadOr404(locals.t, () => listFollowedInstances(serviceContext(locals), requireUser(locals, url)))
});

export const actions: Actions = {
	follow: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const data = await request.formData();
		const values = { url: String(data.get('url') ?? ''), protocol: String(data.get('protocol') ?? 'activitypub') };
		const res = await formAction(locals, values, async () =>
			followInstanceWithActivityPub(serviceContext(locals), await locals.app.activitypub(), actor, values)
		);
		if (!res.ok) return res.failure;
		return { followed: res.result.url, protocol: res.result.protocol };
	},
	sync: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, async () =>
			syncInstanceWithActivityPub(serviceContext(locals), await locals.app.activitypub(), actor, id)
		);
		if (!res.ok) return res.failure;
		return { synced: res.result.url };
	},
	remove: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, async () =>
			unfollowInstanceWithActivityPub(serviceContext(locals), await locals.app.activitypub(), actor, id)
		);
		if (!res.ok) return res.failure;
		return { removed: true };
	}
};

import { followInstance, listFollowedInstances, syncInstanceNow, unfollowInstance } from '#lib/server/federation/federation.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	instances: await loadOr404(locals.t, () => listFollowedInstances(serviceContext(locals), requireUser(locals, url)))
});

export const actions: Actions = {
	follow: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const values = { url: String((await request.formData()).get('url') ?? '') };
		const res = await formAction(locals, values, () => followInstance(serviceContext(locals), actor, values));
		if (!res.ok) return res.failure;
		return { followed: res.result.url };
	},
	sync: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, () => syncInstanceNow(serviceContext(locals), actor, id));
		if (!res.ok) return res.failure;
		return { synced: res.result.url };
	},
	remove: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, {}, () => unfollowInstance(serviceContext(locals), actor, id));
		if (!res.ok) return res.failure;
		return { removed: true };
	}
};

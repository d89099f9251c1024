import { grantReviewer, listReviewers, revokeReviewer } from '#lib/server/national/reviewer.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	reviewers: await loadOr404(locals.t, () => listReviewers(serviceContext(locals), requireUser(locals, url)))
});

export const actions: Actions = {
	add: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const values = { email: String((await request.formData()).get('email') ?? '') };
		const res = await formAction(locals, values, () => grantReviewer(serviceContext(locals), actor, values));
		if (!res.ok) return res.failure;
		return { added: values.email };
	},
	remove: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const userId = String((await request.formData()).get('userId') ?? '');
		const res = await formAction(locals, {}, () => revokeReviewer(serviceContext(locals), actor, userId));
		if (!res.ok) return res.failure;
		return { removed: true };
	}
};

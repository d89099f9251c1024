import { decideMembership, listMembershipRequests } from '#lib/server/directory/membership.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	return loadOr404(locals.t, async () => ({ requests: await listMembershipRequests(serviceContext(locals), locals.actor) }));
};

export const actions: Actions = {
	decider: async ({ locals, request, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const text = (name: string) => String(form.get(name) ?? '');
		const values = { _form: 'decide', decision: text('decision') };
		const res = await formAction(locals, values, () =>
			decideMembership(serviceContext(locals), actor, text('structureId'), text('userId'), { decision: values.decision })
		);
		if (!res.ok) return res.failure;
		const key = values.decision === 'accepted' ? 'directory.members.accepted' : 'directory.members.refused';
		return { done: locals.t(key, { name: text('name') }) };
	}
};

import { redirect } from '@sveltejs/kit';
import { formAction, pageError, serviceContext } from '#lib/server/route-helpers.ts';
import { ForbiddenError } from '#lib/server/validation.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import { joinGroup, leaveGroup, listGroupsForParticipant } from '#lib/server/groups/groups.service.ts';
import type { Actions, PageServerLoad } from './$types';

// The token in the address is the person's key: never sent to another site, never cached.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	try {
		const { groups } = await listGroupsForParticipant(serviceContext(locals), params.token);
		return { optInNeeded: false, groups, token: params.token, done: url.searchParams.get('fait') };
	} catch (e) {
		if (e instanceof ForbiddenError) return { optInNeeded: true, groups: [], token: params.token, done: null };
		throw pageError(e, locals.t);
	}
};

export const actions: Actions = {
	rejoindre: async ({ request, locals, params }) => {
		const values = textFormValues(await request.formData(), ['groupId']);
		const res = await formAction(locals, values, () => joinGroup(serviceContext(locals), params.token, values.groupId));
		if (!res.ok) return res.failure;
		redirect(303, `/inscription/${params.token}/reseau/groupes/${encodeURIComponent(values.groupId)}?fait=joined`);
	},
	quitter: async ({ request, locals, params }) => {
		const values = textFormValues(await request.formData(), ['groupId']);
		const res = await formAction(locals, values, () => leaveGroup(serviceContext(locals), params.token, values.groupId));
		if (!res.ok) return res.failure;
		redirect(303, `/inscription/${params.token}/reseau/groupes?fait=left`);
	}
};

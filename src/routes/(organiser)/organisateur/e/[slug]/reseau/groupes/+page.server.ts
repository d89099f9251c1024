import { redirect } from '@sveltejs/kit';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { createGroup, getTeamGroupsPage } from '#lib/server/groups/groups.service.ts';
import { groupFormValues } from '#lib/server/groups/groups.form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const page = await loadOr404(locals.t, () => getTeamGroupsPage(serviceContext(locals), actor, params.slug));
	// `?session=` comes from a session's page: the new group continues it.
	const session = url.searchParams.get('session');
	return { ...page, preselected: page.sessions.some((s) => s.id === session) ? session : null };
};

export const actions: Actions = {
	creer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = groupFormValues(await request.formData());
		const res = await formAction(locals, values, () => createGroup(serviceContext(locals), actor, params.slug, values));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/reseau/groupes/${res.result.id}?fait=created`);
	}
};

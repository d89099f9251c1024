import { fail, redirect } from '@sveltejs/kit';
import { formAction, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import {
	getOwnAccountProfile,
	listAccountPeople,
	saveAccountProfile,
	themeChoices,
	withdrawAccountProfile
} from '#lib/server/network/profile.service.ts';
import { accountProfileFormValues } from '#lib/server/network/network.form.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import { readVersionOrNew } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const profile = await getOwnAccountProfile(ctx, actor);
	const filter = Object.fromEntries(
		['q', 'theme', 'departement', 'role', 'structureType'].map((k) => [k, url.searchParams.get(k) ?? undefined])
	);
	return {
		profile,
		people: profile ? await listAccountPeople(ctx, actor, filter) : null,
		filter,
		themeChoices: themeChoices(null),
		departements: listDepartements().map((d) => ({ code: d.code, name: d.name })),
		done: url.searchParams.get('fait')
	};
};

export const actions: Actions = {
	fiche: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = { ...accountProfileFormValues(form), version: String(form.get('version') ?? '') };
		const res = await formAction(locals, values, () =>
			saveAccountProfile(serviceContext(locals), actor, values, readVersionOrNew(values.version))
		);
		if (!res.ok) return res.failure;
		redirect(303, '/reseau?fait=saved');
	},
	retirer: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		if (!(await request.formData()).has('confirm')) return fail(400, { errors: { confirm: locals.t('people.confirmNeeded') } });
		await withdrawAccountProfile(serviceContext(locals), actor);
		redirect(303, '/reseau?fait=withdrawn');
	}
};

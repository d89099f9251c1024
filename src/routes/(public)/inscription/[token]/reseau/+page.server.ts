import { fail, redirect } from '@sveltejs/kit';
import { formAction, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { ForbiddenError } from '#lib/server/validation.ts';
import { getOwnNetwork, listEventPeople, optInByToken, withdrawByToken } from '#lib/server/network/profile.service.ts';
import { profileFormValues } from '#lib/server/network/network.form.ts';
import { readVersionOrNew } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

// The token in the address is the person's key: never sent to another site, never cached.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const ctx = serviceContext(locals);
	const own = await loadOr404(locals.t, () => getOwnNetwork(ctx, params.token));
	const filter = Object.fromEntries(
		['q', 'theme', 'departement', 'role', 'structureType'].map((k) => [k, url.searchParams.get(k) ?? undefined])
	);
	let people = null;
	if (own.profile && own.open && !own.cancelled) {
		try {
			people = await listEventPeople(ctx, { token: params.token }, undefined, filter);
		} catch (e) {
			if (!(e instanceof ForbiddenError)) throw e;
		}
	}
	return { own, people, filter, token: params.token, done: url.searchParams.get('fait') };
};

export const actions: Actions = {
	fiche: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = { ...profileFormValues(form), version: String(form.get('version') ?? '') };
		const res = await formAction(locals, values, () =>
			optInByToken(serviceContext(locals), params.token, values, readVersionOrNew(values.version))
		);
		if (!res.ok) return res.failure;
		redirect(303, `/inscription/${params.token}/reseau?fait=saved`);
	},
	retirer: async ({ request, locals, params }) => {
		const form = await request.formData();
		if (!form.has('confirm')) return fail(400, { errors: { confirm: locals.t('people.confirmNeeded') } });
		await loadOr404(locals.t, () => withdrawByToken(serviceContext(locals), params.token));
		redirect(303, `/inscription/${params.token}/reseau?fait=withdrawn`);
	}
};

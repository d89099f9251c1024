import { redirect } from '@sveltejs/kit';
import { deleteTimeEntry, getTimeEntry, listCommittee, updateTimeEntry } from '#lib/server/planning/committee.service.ts';
import { readTimeForm, timeFormToInput, timeToFormValues, withFormFields } from '#lib/server/planning/planning.form.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [entry, { members }] = await loadOr404(locals.t, () =>
		Promise.all([getTimeEntry(ctx, actor, params.slug, params.id), listCommittee(ctx, actor, params.slug)])
	);
	return { entry, members, values: timeToFormValues(entry), saved: url.searchParams.has('enregistre') };
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readTimeForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'save' }, () =>
			withFormFields(() =>
				updateTimeEntry(serviceContext(locals), actor, params.slug, params.id, timeFormToInput(values), readVersion(values.version))
			)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/comite/temps/${params.id}?enregistre`);
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'delete' }, () => deleteTimeEntry(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/comite/temps`);
	}
};

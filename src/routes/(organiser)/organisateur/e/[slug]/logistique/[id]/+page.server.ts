import { redirect } from '@sveltejs/kit';
import { deleteLogisticsItem, getLogisticsItem, updateLogisticsItem } from '#lib/server/planning/logistics.service.ts';
import { logisticsFormToInput, logisticsToFormValues, readLogisticsForm, withFormFields } from '#lib/server/planning/planning.form.ts';
import { getPlanningOwners } from '#lib/server/planning/task.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [item, owners] = await loadOr404(locals.t, () =>
		Promise.all([getLogisticsItem(ctx, actor, params.slug, params.id), getPlanningOwners(ctx, actor, params.slug)])
	);
	return { item, owners, values: logisticsToFormValues(item), saved: url.searchParams.has('enregistre') };
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readLogisticsForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'save' }, () =>
			withFormFields(() =>
				updateLogisticsItem(
					serviceContext(locals),
					actor,
					params.slug,
					params.id,
					logisticsFormToInput(values),
					new Date(),
					readVersion(values.version)
				)
			)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/logistique/${params.id}?enregistre`);
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'delete' }, () =>
			deleteLogisticsItem(serviceContext(locals), actor, params.slug, params.id)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/logistique?supprime`);
	}
};

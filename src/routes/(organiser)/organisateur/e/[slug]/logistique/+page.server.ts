import { addLogisticsItem, getLogistics, updateLogisticsItem } from '#lib/server/planning/logistics.service.ts';
import { emptyLogisticsForm, logisticsFormToInput, readLogisticsForm, withFormFields } from '#lib/server/planning/planning.form.ts';
import { getPlanningOwners } from '#lib/server/planning/task.service.ts';
import { getCateringCounts } from '#lib/server/registrations/participants.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	// Catering needs come from the registrations (confirmed people who take the meal).
	const [logistics, owners] = await loadOr404(locals.t, async () => {
		const dietaryCounts = await getCateringCounts(ctx, actor, params.slug);
		return Promise.all([getLogistics(ctx, actor, params.slug, { dietaryCounts }), getPlanningOwners(ctx, actor, params.slug)]);
	});
	return { ...logistics, owners, empty: emptyLogisticsForm(), deleted: url.searchParams.has('supprime') };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readLogisticsForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			withFormFields(() => addLogisticsItem(serviceContext(locals), actor, params.slug, logisticsFormToInput(values)))
		);
		if (!res.ok) return res.failure;
		return { added: res.result.title };
	},
	status: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const status = String(form.get('status') ?? '');
		const res = await formAction(locals, { _form: 'status' }, () =>
			updateLogisticsItem(serviceContext(locals), actor, params.slug, id, { status })
		);
		if (!res.ok) return res.failure;
		return { statusChanged: { title: res.result.title, status: res.result.status } };
	}
};

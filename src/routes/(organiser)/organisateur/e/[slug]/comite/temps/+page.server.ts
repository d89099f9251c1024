import { addTimeEntry, deleteTimeEntry, listTime } from '#lib/server/planning/committee.service.ts';
import { emptyTimeForm, readTimeForm, timeFormToInput, withFormFields } from '#lib/server/planning/planning.form.ts';
import { todayIn } from '#lib/server/planning/planning.rules.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const time = await loadOr404(locals.t, () => listTime(serviceContext(locals), actor, params.slug));
	return { ...time, empty: emptyTimeForm(todayIn(new Date())) };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readTimeForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			withFormFields(() => addTimeEntry(serviceContext(locals), actor, params.slug, timeFormToInput(values)))
		);
		if (!res.ok) return res.failure;
		return { added: true };
	},
	delete: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		const res = await formAction(locals, { _form: 'delete' }, () => deleteTimeEntry(serviceContext(locals), actor, params.slug, id));
		if (!res.ok) return res.failure;
		return { deleted: true };
	}
};

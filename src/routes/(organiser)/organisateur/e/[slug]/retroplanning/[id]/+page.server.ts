import { redirect } from '@sveltejs/kit';
import { deleteTask, getPlanningOwners, getTask, updateTask } from '#lib/server/planning/task.service.ts';
import { readTaskForm, taskFormToInput, taskToFormValues, withFormFields } from '#lib/server/planning/planning.form.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [task, owners] = await loadOr404(locals.t, () =>
		Promise.all([getTask(ctx, actor, params.slug, params.id), getPlanningOwners(ctx, actor, params.slug)])
	);
	return { task, owners, values: taskToFormValues(task), saved: url.searchParams.has('enregistre') };
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readTaskForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'save' }, () =>
			withFormFields(() =>
				updateTask(serviceContext(locals), actor, params.slug, params.id, taskFormToInput(values), new Date(), readVersion(values.version))
			)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/retroplanning/${params.id}?enregistre`);
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'delete' }, () => deleteTask(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/retroplanning?supprime`);
	}
};

import { applyPlanningTemplate, createTask, getPlanningOwners, listTasks, setTaskStatus } from '#lib/server/planning/task.service.ts';
import { emptyTaskForm, readTaskForm, taskFormToInput, withFormFields } from '#lib/server/planning/planning.form.ts';
import { getTaskFeed, resetTaskFeed } from '#lib/server/planning/feed.service.ts';
import { getDigestPreference, setDigestPreference } from '#lib/server/planning/digest.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

/** The views of the retro-planning, by their French name in the address. */
const VIEWS = { chronologie: 'timeline', responsables: 'owners', 'en-retard': 'late', semaine: 'week' } as const;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const param = url.searchParams.get('vue') ?? 'chronologie';
	const view = VIEWS[param as keyof typeof VIEWS] ?? 'timeline';
	const [planning, owners, feed, digest] = await loadOr404(locals.t, () =>
		Promise.all([
			listTasks(ctx, actor, params.slug),
			getPlanningOwners(ctx, actor, params.slug),
			getTaskFeed(ctx, actor, params.slug),
			getDigestPreference(ctx, actor, params.slug)
		])
	);
	return { ...planning, view, owners, feed, digest, empty: emptyTaskForm(), deleted: url.searchParams.has('supprime') };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readTaskForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			withFormFields(() => createTask(serviceContext(locals), actor, params.slug, taskFormToInput(values)))
		);
		if (!res.ok) return res.failure;
		return { added: res.result.title, id: res.result.id };
	},
	status: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const status = String(form.get('status') ?? '');
		const res = await formAction(locals, { _form: 'status' }, () => setTaskStatus(serviceContext(locals), actor, params.slug, id, status));
		if (!res.ok) return res.failure;
		return { statusChanged: { title: res.result.title, status: res.result.status } };
	},
	template: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'template' }, () => applyPlanningTemplate(serviceContext(locals), actor, params.slug));
		if (!res.ok) return res.failure;
		return { template: res.result };
	},
	feed: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'feed' }, () => resetTaskFeed(serviceContext(locals), actor, params.slug));
		if (!res.ok) return res.failure;
		return { feedReset: true };
	},
	digest: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const receive = (await request.formData()).get('receive') === '1';
		const res = await formAction(locals, { _form: 'digest' }, () =>
			setDigestPreference(serviceContext(locals), actor, params.slug, receive)
		);
		if (!res.ok) return res.failure;
		return { digestSaved: true };
	}
};

import { redirect } from '@sveltejs/kit';
import { formAction, requireUser, loadOr404, serviceContext, withFieldNames } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import {
	addQuestion,
	getRegistrationSettings,
	moveQuestion,
	removeQuestion,
	updateQuestion
} from '#lib/server/registrations/registration-settings.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const s = await loadOr404(locals.t, () => getRegistrationSettings(serviceContext(locals), actor, params.slug));
	return { questions: s.questions, done: url.searchParams.get('fait') };
};

/** A question's form (adding one, or one line of the list): what was typed, and the service's input. */
function readQuestionForm(form: FormData) {
	const values = {
		id: String(form.get('id') ?? ''),
		version: String(form.get('version') ?? ''),
		label: String(form.get('label') ?? ''),
		kind: String(form.get('kind') ?? ''),
		options: String(form.get('options') ?? ''),
		required: form.has('required')
	};
	const input = {
		label: values.label,
		kind: values.kind || undefined,
		options: values.options
			.split(/\r?\n/)
			.map((o) => o.trim())
			.filter(Boolean),
		required: values.required
	};
	return { values, input };
}

/** Runs a question's save: a refused one answers 400 (409 when stale) with what was typed, beside the form's fields. */
function saveQuestion(locals: App.Locals, values: ReturnType<typeof readQuestionForm>['values'], run: () => Promise<unknown>) {
	return formAction(locals, values, () => withFieldNames(run, (field) => field.split('.')[0]));
}

export const actions: Actions = {
	ajouter: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const { values, input } = readQuestionForm(await request.formData());
		const res = await saveQuestion(locals, { ...values, id: '' }, () => addQuestion(serviceContext(locals), actor, params.slug, input));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/questions?fait=ajoutee`);
	},
	modifier: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const { values, input } = readQuestionForm(await request.formData());
		const res = await saveQuestion(locals, values, () =>
			updateQuestion(serviceContext(locals), actor, params.slug, values.id, input, readVersion(values.version))
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/questions?fait=modifiee`);
	},
	supprimer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		await loadOr404(locals.t, () => removeQuestion(serviceContext(locals), actor, params.slug, id));
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/questions?fait=supprimee`);
	},
	deplacer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const direction = form.get('direction') === 'up' ? 'up' : 'down';
		await loadOr404(locals.t, () => moveQuestion(serviceContext(locals), actor, params.slug, String(form.get('id') ?? ''), direction));
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/questions`);
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import {
	addQuestion,
	getRegistrationSettings,
	moveQuestion,
	removeQuestion
} from '#lib/server/registrations/registration-settings.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const s = await loadOr404(locals.t, () => getRegistrationSettings(serviceContext(locals), actor, params.slug));
	return { questions: s.questions, done: url.searchParams.get('fait') };
};

export const actions: Actions = {
	ajouter: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = {
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
		try {
			await loadOr404(locals.t, () => addQuestion(serviceContext(locals), actor, params.slug, input));
		} catch (e) {
			if (e instanceof ValidationError)
				return fail(400, {
					values,
					errors: translateIssues(
						e.issues.map((i) => ({ ...i, field: i.field.split('.')[0] })),
						locals.t
					)
				});
			throw e;
		}
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/questions?fait=ajoutee`);
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

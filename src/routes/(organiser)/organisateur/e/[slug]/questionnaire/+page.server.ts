import { fail, redirect } from '@sveltejs/kit';
import { loadOr404, requireUser, serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import { readVersion, StaleVersionError } from '#lib/server/edit-version.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { createSurveyFromTemplate, getSurveyBuilder, saveSurvey } from '#lib/server/surveys/survey.service.ts';
import { builderFormIssues, readBuilderForm } from '#lib/server/surveys/survey.form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const builder = await loadOr404(locals.t, () => getSurveyBuilder(serviceContext(locals), actor, params.slug));
	const done = url.searchParams.get('fait');
	return {
		survey: builder.survey,
		responses: builder.responses,
		canEdit: builder.canEdit,
		done: done === 'cree' || done === 'enregistre' ? done : null
	};
};

export const actions: Actions = {
	creer: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		await loadOr404(locals.t, () => createSurveyFromTemplate(serviceContext(locals), actor, params.slug));
		redirect(303, `/organisateur/e/${params.slug}/questionnaire?fait=cree`);
	},
	enregistrer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const { values, input, keys } = readBuilderForm(form);
		try {
			await loadOr404(locals.t, () => saveSurvey(serviceContext(locals), actor, params.slug, input, readVersion(form.get('version'))));
		} catch (e) {
			// Saved by someone else since the page was loaded: 409, the questions as typed, the saved title and intro listed.
			if (e instanceof StaleVersionError) return staleFailure(locals.t, { ...values, version: '' }, e.current);
			if (e instanceof ValidationError) return fail(400, { values, errors: translateIssues(builderFormIssues(e.issues, keys), locals.t) });
			throw e;
		}
		redirect(303, `/organisateur/e/${params.slug}/questionnaire?fait=enregistre`);
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ConflictError, ForbiddenError, ValidationError } from '#lib/server/validation.ts';
import { getSurveyForm, saveSurveyDraft, submitSurveyResponse } from '#lib/server/surveys/survey-response.service.ts';
import { answerFields, answerFormIssues, answerInput } from '#lib/server/surveys/survey.form.ts';
import type { Actions, PageServerLoad } from './$types';

// Like the private registration page: the token is the person's key, never sent to another site
// and never cached.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const form = await loadOr404(locals.t, () => getSurveyForm(serviceContext(locals), params.token));
	const done = url.searchParams.get('fait');
	return { ...form, token: params.token, done: done === 'envoye' || done === 'brouillon' ? done : null };
};

export const actions: Actions = {
	brouillon: async ({ request, locals, params }) => {
		const survey = await loadOr404(locals.t, () => getSurveyForm(serviceContext(locals), params.token));
		const fields = answerFields(await request.formData(), survey.survey);
		try {
			await loadOr404(locals.t, () => saveSurveyDraft(serviceContext(locals), params.token, fields));
		} catch (e) {
			if (e instanceof ConflictError) return fail(400, { values: fields, errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
		redirect(303, `/inscription/${params.token}/questionnaire?fait=brouillon`);
	},
	envoyer: async ({ request, locals, params }) => {
		const ctx = serviceContext(locals);
		const page = await loadOr404(locals.t, () => getSurveyForm(ctx, params.token));
		const fields = answerFields(await request.formData(), page.survey);
		const input = answerInput(
			fields,
			page.survey,
			page.sessions.map((s) => s.id)
		);
		try {
			await loadOr404(locals.t, () => submitSurveyResponse(ctx, params.token, null, input));
		} catch (e) {
			if (e instanceof ValidationError) {
				// What was typed is kept on the page and as the draft, so that leaving now loses nothing.
				await saveSurveyDraft(ctx, params.token, fields);
				return fail(400, { values: fields, errors: translateIssues(answerFormIssues(e.issues), locals.t) });
			}
			if (e instanceof ConflictError) return fail(400, { values: fields, errors: translateIssues(e.issues, locals.t) });
			if (e instanceof ForbiddenError) error(403, locals.t('surveys.answer.cancelled'));
			throw e;
		}
		redirect(303, `/inscription/${params.token}/questionnaire?fait=envoye`);
	}
};

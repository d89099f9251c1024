import { fail } from '@sveltejs/kit';
import { loadOr404, requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { importSurveyAnswers, listImportableQuestions, previewSurveyImport } from '#lib/server/surveys/survey-import.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const questions = await loadOr404(locals.t, () => listImportableQuestions(serviceContext(locals), actor, params.slug));
	return { questionCount: questions.length };
};

export const actions: Actions = {
	// Step 1: the file is read and its columns offered; its text travels in the mapping form.
	lire: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: locals.t('surveys.errors.importFile') } });
		try {
			const bytes = new Uint8Array(await file.arrayBuffer());
			const preview = await loadOr404(locals.t, () => previewSurveyImport(serviceContext(locals), actor, params.slug, bytes));
			return { preview };
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
	},
	// Step 2: the rows are imported with the chosen columns.
	importer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const text = String(form.get('csv') ?? '');
		const mapping: Record<string, number> = {};
		for (const [key, value] of form.entries()) if (key.startsWith('map_') && String(value) !== '') mapping[key.slice(4)] = Number(value);
		try {
			const report = await loadOr404(locals.t, () =>
				importSurveyAnswers(serviceContext(locals), actor, params.slug, text, mapping, locals.lang)
			);
			return { report };
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
	}
};

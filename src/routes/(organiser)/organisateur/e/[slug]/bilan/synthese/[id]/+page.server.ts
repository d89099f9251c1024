import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { getSynthesis, saveSynthesis } from '#lib/server/reports/synthesis.service.ts';
import { readSynthesisForm, synthesisFormOf } from '#lib/server/reports/report.form.ts';
import { submitSynthesisForm } from '#lib/server/reports/synthesis.http.ts';
import type { Actions, PageServerLoad } from './$types';

const DEFAULTS = ['Prérequis', 'Moyens', 'Actions'];

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const { title, synthesis } = await loadOr404(locals.t, () => getSynthesis(serviceContext(locals), actor, params.slug, params.id));
	return { title, values: synthesisFormOf(synthesis, DEFAULTS) };
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const res = await formAction(locals, { ...readSynthesisForm(form) }, async () => {
			const out = await submitSynthesisForm(form, (input, version) =>
				saveSynthesis(serviceContext(locals), actor, params.slug, params.id, input, version)
			);
			if (out.issues) throw out.issues;
		});
		if (!res.ok) return res.failure;
		return { saved: true };
	}
};

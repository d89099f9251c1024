import { fail } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ValidationError } from '#lib/server/validation.ts';
import { importParticipants } from '#lib/server/registrations/participants.service.ts';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: locals.t('registration.import.noFile') } });
		const text = await file.text();
		try {
			const report = await loadOr404(locals.t, () =>
				importParticipants(serviceContext(locals), actor, params.slug, text, {
					sendConfirmation: form.has('sendConfirmation'),
					lang: locals.lang
				})
			);
			locals.app.kickMail();
			return { report };
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
	}
};

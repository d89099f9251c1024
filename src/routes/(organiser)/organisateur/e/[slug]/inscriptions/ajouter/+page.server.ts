import { fail } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import {
	checkRegistration,
	getRegistrationForm,
	listEventQuestions,
	registerParticipant
} from '#lib/server/registrations/registration.service.ts';
import { emptyRegistrationForm, submitRegistrationForm } from '#lib/server/registrations/registration.form.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const page = await loadOr404(locals.t, () => getRegistrationForm(serviceContext(locals), actor, params.slug));
	return {
		page: { ...page, halfDays: page.halfDays.map((h) => ({ key: h.key, label: halfDayLabel(h.key, locals.lang) })) },
		departements: listDepartements().map((d) => ({ code: d.code, name: d.name })),
		values: emptyRegistrationForm(page.halfDays.map((h) => h.key))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const ctx = serviceContext(locals);
		const form = await request.formData();
		const questions = await loadOr404(locals.t, () => listEventQuestions(ctx, params.slug));
		const res = await loadOr404(locals.t, () =>
			submitRegistrationForm(form, questions, {
				save: (input) =>
					registerParticipant(ctx, actor, params.slug, input, {
						source: 'organiser',
						sendConfirmation: form.has('sendConfirmation'),
						lang: locals.lang
					}),
				check: (input) => checkRegistration(ctx, params.slug, input, 'organiser')
			})
		);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t), candidates: res.candidates });
		locals.app.kickMail();
		const name = `${res.values.firstName} ${res.values.lastName}`.trim();
		return {
			added: res.result.created
				? locals.t('registration.add.added', { name, status: locals.t(`participants.status.${res.result.status}`) })
				: locals.t('registration.add.existing', { name }),
			id: res.result.id
		};
	}
};

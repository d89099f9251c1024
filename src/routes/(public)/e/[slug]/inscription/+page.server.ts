import { fail, redirect } from '@sveltejs/kit';
import { loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import { checkRegistration, getRegistrationForm, listEventQuestions } from '#lib/server/registrations/registration.service.ts';
import { registerOnline } from '#lib/server/registrations/registration-hold.service.ts';
import { emptyRegistrationForm, submitRegistrationForm, thanksStatus } from '#lib/server/registrations/registration.form.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import { readFormBody, registrationAllowed, registrationDomainAllowed, safeAddress } from '#lib/server/registrations/registration.http.ts';
import { optInRegistration } from '#lib/server/network/profile.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const page = await loadOr404(locals.t, () => getRegistrationForm(serviceContext(locals), locals.actor, params.slug));
	return {
		page: { ...page, halfDays: page.halfDays.map((h) => ({ key: h.key, label: halfDayLabel(h.key, locals.lang) })) },
		departements: listDepartements().map((d) => ({ code: d.code, name: d.name })),
		values: emptyRegistrationForm(page.halfDays.map((h) => h.key))
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, getClientAddress }) => {
		const empty = emptyRegistrationForm();
		if (!registrationAllowed(locals, safeAddress(getClientAddress)))
			return fail(429, { values: empty, errors: { _: locals.t('registration.errors.rateLimited') }, candidates: [] });
		const form = await readFormBody(request);
		if (!form) return fail(413, { values: empty, errors: { _: locals.t('registration.errors.tooLarge') }, candidates: [] });
		if (!registrationDomainAllowed(locals, form.get('email')))
			return fail(429, { values: empty, errors: { email: locals.t('security.domainRateLimited') }, candidates: [] });
		const ctx = serviceContext(locals);
		const questions = await loadOr404(locals.t, () => listEventQuestions(ctx, params.slug));
		const res = await loadOr404(locals.t, () =>
			submitRegistrationForm(form, questions, {
				save: (input) => registerOnline(ctx, locals.actor, params.slug, input, { lang: locals.lang }),
				check: (input) => checkRegistration(ctx, params.slug, input)
			})
		);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t), candidates: res.candidates });
		// Double opt-in: nothing held yet, the person confirms from the e-mail.
		if ('held' in res.result) {
			locals.app.kickMail();
			redirect(303, `/e/${params.slug}/inscription/merci?statut=a-confirmer`);
		}
		if (res.result.created) locals.app.kickMail();
		// The directory opt-in is the network area's: an entry with the registration's own details.
		if (res.result.created && res.values.networkOptIn) await optInRegistration(ctx, res.result.id, {});
		redirect(303, `/e/${params.slug}/inscription/merci?statut=${thanksStatus(res.result)}`);
	}
};

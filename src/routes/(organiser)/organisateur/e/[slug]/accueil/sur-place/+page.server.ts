import { fail } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import { checkRegistration, getRegistrationForm } from '#lib/server/registrations/registration.service.ts';
import { registerWalkIn } from '#lib/server/checkin/checkin.service.ts';
import { emptyRegistrationForm, submitRegistrationForm } from '#lib/server/registrations/registration.form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const page = await loadOr404(locals.t, () => getRegistrationForm(serviceContext(locals), actor, params.slug));
	return {
		slots: page.slots,
		departements: listDepartements().map((d) => ({ code: d.code, name: d.name })),
		values: emptyRegistrationForm(),
		halfDay: url.searchParams.get('demi-journee') ?? ''
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const ctx = serviceContext(locals);
		const form = await request.formData();
		const halfDay = url.searchParams.get('demi-journee') ?? '';
		const res = await loadOr404(locals.t, () =>
			submitRegistrationForm(form, [], {
				save: (input) => registerWalkIn(ctx, actor, params.slug, input, halfDay),
				check: (input) => checkRegistration(ctx, params.slug, input, 'walk-in')
			})
		);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t), candidates: res.candidates });
		locals.app.kickMail();
		return { done: locals.t('checkin.walkInDone', { name: `${res.values.firstName} ${res.values.lastName}` }) };
	}
};

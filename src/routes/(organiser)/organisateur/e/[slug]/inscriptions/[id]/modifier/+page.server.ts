import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser, loadOr404, serviceContext, staleFailure, translateIssues } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import { listDepartements } from '#lib/server/territory/territory.ts';
import { getParticipant } from '#lib/server/registrations/participants.service.ts';
import { checkRegistration, getRegistrationForm } from '#lib/server/registrations/registration.service.ts';
import { editRegistration } from '#lib/server/registrations/registration-edit.service.ts';
import { editFormValues } from '#lib/server/registrations/registration-edit.form.ts';
import { submitRegistrationForm } from '#lib/server/registrations/registration.form.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const p = await loadOr404(locals.t, () => getParticipant(ctx, actor, params.id));
	if (p.eventSlug !== params.slug || p.status === 'cancelled') error(404, locals.t('errors.notFound'));
	const page = await loadOr404(locals.t, () => getRegistrationForm(ctx, actor, params.slug));
	return {
		p,
		page: { ...page, halfDays: page.halfDays.map((h) => ({ key: h.key, label: halfDayLabel(h.key, locals.lang) })) },
		departements: listDepartements().map((d) => ({ code: d.code, name: d.name })),
		values: editFormValues(p, page.slots, page.questions),
		version: String(p.version)
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const ctx = serviceContext(locals);
		const form = await request.formData();
		const page = await loadOr404(locals.t, () => getRegistrationForm(ctx, actor, params.slug));
		const res = await loadOr404(locals.t, () =>
			submitRegistrationForm(form, page.questions, {
				save: (input) =>
					editRegistration(ctx, actor, params.id, input, {
						notify: form.has('sendConfirmation'),
						version: readVersion(form.get('version'))
					}),
				check: (input) => checkRegistration(ctx, params.slug, input, 'organiser')
			})
		);
		if (!res.ok && res.stale !== undefined)
			return staleFailure(locals.t, { ...res.values, version: String(form.get('version') ?? '') }, res.stale);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t), candidates: res.candidates });
		locals.app.kickMail();
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/${params.id}?fait=modifiee&parts=${res.result.changed.join(',')}`);
	}
};

import { error, fail, redirect } from '@sveltejs/kit';
import { formAction, requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getParticipant } from '#lib/server/registrations/participants.service.ts';
import { cancelRegistration, eraseRegistration } from '#lib/server/registrations/registration.service.ts';
import { getRegistrationHistory, resendConfirmation } from '#lib/server/registrations/registration-history.service.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import { territoryLabel } from '#lib/server/territory/territory.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const p = await loadOr404(locals.t, () => getParticipant(serviceContext(locals), actor, params.id));
	if (p.eventSlug !== params.slug) error(404, locals.t('errors.notFound'));
	const history = await loadOr404(locals.t, () => getRegistrationHistory(serviceContext(locals), actor, params.id));
	return {
		p,
		halfDays: p.halfDays.map((k) => halfDayLabel(k, locals.lang)),
		territory: [territoryLabel(p.commune, p.departement), p.inseeCode ? `(INSEE ${p.inseeCode})` : ''].filter(Boolean).join(' '),
		arrivals: p.checkedIn.map((c) => ({ label: halfDayLabel(c.halfDay, locals.lang), at: c.at })),
		seats: p.seats,
		answers: p.labelledAnswers,
		history,
		done: url.searchParams.get('fait') === 'annulee' ? 'cancelled' : null,
		edited:
			url.searchParams.get('fait') === 'modifiee'
				? (url.searchParams.get('parts') ?? '').split(',').filter((x) => /^[a-zA-Z]+$/.test(x))
				: null
	};
};

export const actions: Actions = {
	renvoyer: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const p = await loadOr404(locals.t, () => getParticipant(serviceContext(locals), actor, params.id));
		if (p.eventSlug !== params.slug) error(404, locals.t('errors.notFound'));
		const res = await formAction(locals, {}, () => resendConfirmation(serviceContext(locals), actor, params.id));
		if (!res.ok) return res.failure;
		locals.app.kickMail();
		return { resentTo: res.result.to };
	},
	annuler: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		if (!(await request.formData()).has('confirm')) return fail(400, { errors: { cancel: locals.t('registration.own.confirmNeeded') } });
		await loadOr404(locals.t, () => cancelRegistration(serviceContext(locals), { actor }, params.id, { eventSlug: params.slug }));
		locals.app.kickMail();
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/${params.id}?fait=annulee`);
	},
	supprimer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		if (!(await request.formData()).has('confirm')) return fail(400, { errors: { erase: locals.t('registration.own.confirmNeeded') } });
		await loadOr404(locals.t, () => eraseRegistration(serviceContext(locals), { actor }, params.id, { eventSlug: params.slug }));
		locals.app.kickMail();
		redirect(303, `/organisateur/e/${params.slug}/inscriptions`);
	}
};

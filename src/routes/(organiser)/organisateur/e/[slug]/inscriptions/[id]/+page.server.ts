import { error, fail, redirect } from '@sveltejs/kit';
import { formAction, requireUser, loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { getParticipant } from '#lib/server/registrations/participants.service.ts';
import { cancelRegistration, eraseRegistration } from '#lib/server/registrations/registration-manage.service.ts';
import { getRegistrationHistory, resendConfirmation } from '#lib/server/registrations/registration-history.service.ts';
import { halfDayLabel, isHalfDayKey } from '#lib/server/registrations/half-days.ts';
import { checkIn, listCheckinHalfDays, undoCheckIn } from '#lib/server/checkin/checkin.service.ts';
import { territoryLabel } from '#lib/server/territory/territory.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const p = await loadOr404(locals.t, () => getParticipant(serviceContext(locals), actor, params.id));
	if (p.eventSlug !== params.slug) error(404, locals.t('errors.notFound'));
	const history = await loadOr404(locals.t, () => getRegistrationHistory(serviceContext(locals), actor, params.id));
	const eventHalfDays = await loadOr404(locals.t, () => listCheckinHalfDays(serviceContext(locals), actor, params.slug));
	const arrivedAt = new Map(p.checkedIn.map((c) => [c.halfDay, c.at]));
	return {
		p,
		halfDays: p.halfDays.map((k) => halfDayLabel(k, locals.lang)),
		territory: [territoryLabel(p.commune, p.departement), p.inseeCode ? `(INSEE ${p.inseeCode})` : ''].filter(Boolean).join(' '),
		arrivals: p.checkedIn.map((c) => ({ label: halfDayLabel(c.halfDay, locals.lang), at: c.at })),
		// Every half-day of the event, to check the person in or out from here.
		desk: eventHalfDays.map((key) => ({ key, label: halfDayLabel(key, locals.lang), at: arrivedAt.get(key) ?? null })),
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

/** The half-day a check-in form names, or a 400 next to the desk. */
async function checkinHalfDay(request: Request, t: App.Locals['t']) {
	const halfDay = String((await request.formData()).get('halfDay') ?? '');
	return isHalfDayKey(halfDay) ? { halfDay } : { failure: fail(400, { errors: { desk: t('registration.errors.halfDayUnknown') } }) };
}

export const actions: Actions = {
	pointer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const read = await checkinHalfDay(request, locals.t);
		if ('failure' in read) return read.failure;
		const res = await formAction(locals, {}, () => checkIn(serviceContext(locals), actor, params.slug, params.id, read.halfDay));
		if (!res.ok) return res.failure;
		return { checkedIn: { halfDay: read.halfDay, already: res.result.already, offDay: res.result.offDay } };
	},
	depointer: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const read = await checkinHalfDay(request, locals.t);
		if ('failure' in read) return read.failure;
		const undone = await loadOr404(locals.t, () => undoCheckIn(serviceContext(locals), actor, params.slug, params.id, read.halfDay));
		return { checkedOut: { halfDay: read.halfDay, undone } };
	},
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

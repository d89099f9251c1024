import { fail, redirect } from '@sveltejs/kit';
import { loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ConflictError, ValidationError } from '#lib/server/validation.ts';
import { readVersion, StaleVersionError } from '#lib/server/edit-version.ts';
import { cancelRegistration, changeSessions, eraseRegistration } from '#lib/server/registrations/registration-manage.service.ts';
import { getOwnRegistration, updateOwnConsents } from '#lib/server/registrations/registration-own.service.ts';
import { halfDayLabel } from '#lib/server/registrations/half-days.ts';
import { territoryLabel } from '#lib/server/territory/territory.ts';
import { editOwnNeeds, getOwnNeeds } from '#lib/server/registrations/registration-edit.service.ts';
import { readOwnNeedsForm } from '#lib/server/registrations/registration-edit.form.ts';
import { emptyRegistrationForm } from '#lib/server/registrations/registration.form.ts';
import { hasOwnCertificate } from '#lib/server/reports/certificate.service.ts';
import { surveyLinkFor } from '#lib/server/surveys/survey-response.service.ts';
import { acceptedMeetingsOrNone } from '#lib/server/network/meeting.service.ts';
import type { Actions, PageServerLoad } from './$types';

// The token in the address is the person's key: never sent on to another site (same-origin
// referrers only; no-referrer would make browsers send `Origin: null` with the forms), never cached.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const own = await loadOr404(locals.t, () => getOwnRegistration(serviceContext(locals), params.token));
	const needs = await loadOr404(locals.t, () => getOwnNeeds(serviceContext(locals), params.token));
	return {
		own: {
			...own,
			halfDayLabels: own.registration.halfDays.map((k) => halfDayLabel(k, locals.lang)),
			territory: territoryLabel(own.registration.commune, own.registration.departement)
		},
		needs: {
			halfDays: own.halfDays.map((h) => ({ key: h.key, label: halfDayLabel(h.key, locals.lang) })),
			values: {
				...emptyRegistrationForm(needs.halfDays),
				accessibility: needs.accessibility,
				accessibilityDetails: needs.accessibilityDetails,
				meal: needs.meal,
				diets: needs.diets,
				dietDetails: needs.dietDetails,
				consentSensitive: needs.sensitive
			},
			version: String(needs.version)
		},
		done: ['ateliers', 'accords', 'annulee', 'besoins'].includes(url.searchParams.get('fait') ?? '') ? url.searchParams.get('fait') : null,
		token: params.token,
		certificate: await hasOwnCertificate(serviceContext(locals), params.token),
		surveyOpen: await surveyLinkFor(serviceContext(locals), params.token),
		meetings: await acceptedMeetingsOrNone(serviceContext(locals), params.token)
	};
};

async function run(locals: App.Locals, fn: () => Promise<unknown>) {
	try {
		await fn();
		return null;
	} catch (e) {
		if (e instanceof ValidationError || e instanceof ConflictError) return fail(400, { errors: translateIssues(e.issues, locals.t) });
		throw e;
	}
}

export const actions: Actions = {
	changer: async ({ request, locals, params }) => {
		const form = await request.formData();
		const sessionIds = [...form.entries()].filter(([k, v]) => /^slot-\d+$/.test(k) && v).map(([, v]) => String(v));
		const failure = await loadOr404(locals.t, () =>
			run(locals, () => changeSessions(serviceContext(locals), { token: params.token }, null, { sessionIds }))
		);
		if (failure) return failure;
		locals.app.kickMail();
		redirect(303, `/inscription/${params.token}?fait=ateliers`);
	},
	besoins: async ({ request, locals, params }) => {
		const form = await request.formData();
		const input = readOwnNeedsForm(form);
		try {
			await loadOr404(locals.t, () =>
				editOwnNeeds(serviceContext(locals), params.token, input, new Date(), readVersion(form.get('version')))
			);
		} catch (e) {
			if (!(e instanceof ValidationError || e instanceof ConflictError)) throw e;
			// Kept apart from the page's other forms: the needs form shows its own summary, as typed.
			const values = {
				...emptyRegistrationForm(input.halfDays),
				accessibility: input.accessibility.needs,
				accessibilityDetails: input.accessibility.details,
				meal: input.meal,
				diets: input.diets,
				dietDetails: input.dietDetails,
				consentSensitive: input.consents.sensitive
			};
			const errors = translateIssues(
				e.issues.map((i) => ({
					...i,
					field:
						i.field === 'consents.sensitive'
							? 'consentSensitive'
							: i.field === 'accessibility.details'
								? 'accessibilityDetails'
								: i.field.replace(/\.\d+$/, '').replace('accessibility.needs', 'accessibility')
				})),
				locals.t
			);
			// An organiser changed the registration since the page was loaded: 409, what was typed kept,
			// the saved values listed, and the version stored now so that saving again is deliberate.
			if (e instanceof StaleVersionError)
				return fail(409, {
					needsErrors: { _: locals.t('security.stale') } as Record<string, string>,
					needsValues: values,
					needsStale: true as const,
					needsVersion: String(e.current ?? '')
				});
			return fail(400, { needsErrors: errors, needsValues: values });
		}
		locals.app.kickMail();
		redirect(303, `/inscription/${params.token}?fait=besoins#besoins`);
	},
	consentements: async ({ request, locals, params }) => {
		const form = await request.formData();
		await loadOr404(locals.t, () =>
			updateOwnConsents(serviceContext(locals), params.token, { newsletter: form.has('newsletter'), photos: form.has('photos') })
		);
		redirect(303, `/inscription/${params.token}?fait=accords`);
	},
	annuler: async ({ request, locals, params }) => {
		const form = await request.formData();
		if (!form.has('confirm')) return fail(400, { errors: { cancelConfirm: locals.t('registration.own.confirmNeeded') } });
		const own = await loadOr404(locals.t, () => getOwnRegistration(serviceContext(locals), params.token));
		await loadOr404(locals.t, () => cancelRegistration(serviceContext(locals), { token: params.token }, own.registration.id));
		locals.app.kickMail();
		redirect(303, `/inscription/${params.token}?fait=annulee`);
	},
	supprimer: async ({ request, locals, params }) => {
		const form = await request.formData();
		if (!form.has('confirm')) return fail(400, { errors: { eraseConfirm: locals.t('registration.own.confirmNeeded') } });
		const own = await loadOr404(locals.t, () => getOwnRegistration(serviceContext(locals), params.token));
		await loadOr404(locals.t, () => eraseRegistration(serviceContext(locals), { token: params.token }, null));
		locals.app.kickMail();
		redirect(303, `/inscription/supprimee?e=${encodeURIComponent(own.event.slug)}`);
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { formAction, requireUser, loadOr404, serviceContext, translateIssues, withFieldNames } from '#lib/server/route-helpers.ts';
import { readVersion, StaleVersionError } from '#lib/server/edit-version.ts';
import { ValidationError } from '#lib/server/validation.ts';
import {
	getRegistrationSettings,
	updateRegistrationSettings,
	updateSessionsRegistration
} from '#lib/server/registrations/registration-settings.service.ts';
import { registrationWindow } from '#lib/server/registrations/registration-event.ts';
import { toDatetimeLocal } from '#lib/time.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const s = await loadOr404(locals.t, () => getRegistrationSettings(serviceContext(locals), actor, params.slug));
	return {
		s,
		state: registrationWindow(s, new Date()),
		values: {
			opensAt: s.settings.registrationOpensAt ? toDatetimeLocal(s.settings.registrationOpensAt) : '',
			closesAt: s.settings.registrationClosesAt ? toDatetimeLocal(s.settings.registrationClosesAt) : '',
			capacity: s.settings.capacity === null ? '' : String(s.settings.capacity),
			waitlist: s.settings.waitlistEnabled,
			doubleOptIn: s.settings.doubleOptIn,
			j7: s.settings.reminders.j7.enabled,
			j7Text: s.settings.reminders.j7.text,
			j1: s.settings.reminders.j1.enabled,
			j1Text: s.settings.reminders.j1.text,
			version: String(s.settings.version)
		},
		saved: url.searchParams.get('fait')
	};
};

const FIELD: Record<string, string> = {
	registrationOpensAt: 'opensAt',
	registrationClosesAt: 'closesAt',
	'reminders.j7.text': 'j7Text',
	'reminders.j1.text': 'j1Text'
};

export const actions: Actions = {
	reglages: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const str = (k: string) => String(form.get(k) ?? '');
		const values = {
			opensAt: str('opensAt'),
			closesAt: str('closesAt'),
			capacity: str('capacity'),
			waitlist: form.has('waitlist'),
			doubleOptIn: form.has('doubleOptIn'),
			j7: form.has('j7'),
			j7Text: str('j7Text'),
			j1: form.has('j1'),
			j1Text: str('j1Text'),
			version: str('version')
		};
		const input = {
			registrationOpensAt: values.opensAt.trim() || null,
			registrationClosesAt: values.closesAt.trim() || null,
			capacity: values.capacity.trim() || null,
			waitlistEnabled: values.waitlist,
			doubleOptIn: values.doubleOptIn,
			reminders: { j7: { enabled: values.j7, text: values.j7Text }, j1: { enabled: values.j1, text: values.j1Text } }
		};
		const res = await formAction(locals, values, () =>
			withFieldNames(
				() => updateRegistrationSettings(serviceContext(locals), actor, params.slug, input, readVersion(values.version)),
				(field) => FIELD[field] ?? field
			)
		);
		if (!res.ok) return res.failure;
		const { warning } = res.result;
		locals.app.kickMail();
		if (warning) return { values, warning: locals.t('registration.errors.capacityBelowConfirmed', { confirmed: warning.confirmed }) };
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/parametres?fait=reglages`);
	},
	seances: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const rows = form.getAll('session').map((v) => {
			const id = String(v);
			return {
				sessionId: id,
				capacity: String(form.get(`capacity-${id}`) ?? '').trim(),
				requiresRegistration: form.has(`requires-${id}`),
				version: String(form.get(`version-${id}`) ?? '')
			};
		});
		try {
			await loadOr404(locals.t, () =>
				updateSessionsRegistration(
					serviceContext(locals),
					actor,
					params.slug,
					rows.map((r) => ({ ...r, version: readVersion(r.version) }))
				)
			);
		} catch (e) {
			// A row changed since the table was loaded: nothing saved, the typed rows kept, the saved seats shown beside them.
			if (e instanceof StaleVersionError)
				return fail(409, {
					sessionValues: rows,
					sessionErrors: { _: locals.t('security.stale') } as Record<string, string>,
					sessionStale: true as const
				});
			if (e instanceof ValidationError)
				return fail(400, {
					sessionValues: rows,
					sessionErrors: translateIssues(
						e.issues.map((i) => ({ ...i, field: i.field.replace(/-capacity$/, '') })),
						locals.t
					)
				});
			throw e;
		}
		locals.app.kickMail();
		redirect(303, `/organisateur/e/${params.slug}/inscriptions/parametres?fait=seances`);
	}
};

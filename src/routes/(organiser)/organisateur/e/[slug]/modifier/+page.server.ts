import { fail, redirect } from '@sveltejs/kit';
import { updateEvent } from '#lib/server/events/event.service.ts';
import { eventToFormValues, submitEventForm } from '#lib/server/events/event.form.ts';
import { requireUser, serviceContext, staleFailure, translateIssues, loadOr404 } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, url }) => {
	const { event } = await parent();
	return { values: eventToFormValues(event), saved: url.searchParams.has('enregistre') };
};

export const actions: Actions = {
	default: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const res = await loadOr404(locals.t, () =>
			submitEventForm(form, (input, version) => updateEvent(serviceContext(locals), actor, params.slug, input, version))
		);
		if (!res.ok && res.stale !== undefined) return staleFailure(locals.t, res.values, res.stale);
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t), candidates: res.candidates });
		redirect(303, `/organisateur/e/${res.result.slug}/modifier?enregistre`);
	}
};

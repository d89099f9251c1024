import { fail, redirect } from '@sveltejs/kit';
import { createEvent } from '#lib/server/events/event.service.ts';
import { emptyEventForm, submitEventForm } from '#lib/server/events/event.form.ts';
import { requireUser, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ values: emptyEventForm() });

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const actor = requireUser(locals, url);
		const res = await submitEventForm(await request.formData(), (input) => createEvent(serviceContext(locals), actor, input));
		if (!res.ok) return fail(400, { values: res.values, errors: translateIssues(res.issues, locals.t), candidates: res.candidates });
		redirect(303, `/organisateur/e/${res.result.slug}?cree`);
	}
};

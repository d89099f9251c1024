import { redirect } from '@sveltejs/kit';
import { deleteMeeting, getMeeting, listCommittee, updateMeeting } from '#lib/server/planning/committee.service.ts';
import { meetingFormToInput, meetingToFormValues, readMeetingForm, withFormFields } from '#lib/server/planning/planning.form.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [meeting, { members }] = await loadOr404(locals.t, () =>
		Promise.all([getMeeting(ctx, actor, params.slug, params.id), listCommittee(ctx, actor, params.slug)])
	);
	return { meeting, members, values: meetingToFormValues(meeting), saved: url.searchParams.has('enregistre') };
};

export const actions: Actions = {
	save: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readMeetingForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'save' }, () =>
			withFormFields(() =>
				updateMeeting(serviceContext(locals), actor, params.slug, params.id, meetingFormToInput(values), readVersion(values.version))
			)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/comite/reunions/${params.id}?enregistre`);
	},
	delete: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, { _form: 'delete' }, () => deleteMeeting(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/comite/reunions?supprimee`);
	}
};

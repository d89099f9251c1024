import { addMeeting, listCommittee, listMeetings } from '#lib/server/planning/committee.service.ts';
import { emptyMeetingForm, meetingFormToInput, readMeetingForm, withFormFields } from '#lib/server/planning/planning.form.ts';
import { todayIn } from '#lib/server/planning/planning.rules.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const [{ meetings, role }, { members }] = await loadOr404(locals.t, () =>
		Promise.all([listMeetings(ctx, actor, params.slug), listCommittee(ctx, actor, params.slug)])
	);
	return { meetings, role, members, empty: emptyMeetingForm(todayIn(new Date())), deleted: url.searchParams.has('supprimee') };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = readMeetingForm(await request.formData());
		const res = await formAction(locals, { ...values, _form: 'add' }, () =>
			withFormFields(() => addMeeting(serviceContext(locals), actor, params.slug, meetingFormToInput(values)))
		);
		if (!res.ok) return res.failure;
		return { added: res.result.id };
	}
};

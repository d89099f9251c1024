import { redirect } from '@sveltejs/kit';
import { formAction, pageError, serviceContext } from '#lib/server/route-helpers.ts';
import { ForbiddenError } from '#lib/server/validation.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import { answerMeeting, listFreeSlots, listMyMeetings, requestMeeting } from '#lib/server/network/meeting.service.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const ctx = serviceContext(locals);
	const withId = url.searchParams.get('avec');
	try {
		return {
			optInNeeded: false,
			meetings: await listMyMeetings(ctx, params.token),
			proposal: withId ? await listFreeSlots(ctx, params.token, withId) : null,
			token: params.token,
			done: url.searchParams.get('fait')
		};
	} catch (e) {
		if (e instanceof ForbiddenError) return { optInNeeded: true, meetings: [], proposal: null, token: params.token, done: null };
		throw pageError(e, locals.t);
	}
};

export const actions: Actions = {
	proposer: async ({ request, locals, params }) => {
		const values = textFormValues(await request.formData(), ['inviteeId', 'startsAt', 'message']);
		const res = await formAction(locals, values, () => requestMeeting(serviceContext(locals), params.token, values));
		if (!res.ok) return res.failure;
		redirect(303, `/inscription/${params.token}/reseau/rencontres?fait=requested`);
	},
	repondre: async ({ request, locals, params }) => {
		const form = await request.formData();
		const accept = form.get('decision') === 'accept';
		const values = textFormValues(form, ['meetingId']);
		const res = await formAction(locals, values, () => answerMeeting(serviceContext(locals), params.token, values.meetingId, accept));
		if (!res.ok) return res.failure;
		redirect(303, `/inscription/${params.token}/reseau/rencontres?fait=${accept ? 'accepted' : 'declined'}`);
	}
};

import { redirect } from '@sveltejs/kit';
import { formAction, pageError, serviceContext } from '#lib/server/route-helpers.ts';
import { ForbiddenError } from '#lib/server/validation.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import { noteFormValues } from '#lib/server/groups/groups.form.ts';
import { addNote, deleteNote, getGroupForParticipant, joinGroup, leaveGroup } from '#lib/server/groups/groups.service.ts';
import { getGroupDigestPreference, setGroupDigestPreference } from '#lib/server/groups/digest.service.ts';
import { inviteAsCoordinator } from '#lib/server/groups/invitation.service.ts';
import type { Actions, PageServerLoad } from './$types';

// The token in the address is the person's key: never sent to another site, never cached.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	try {
		const ctx = serviceContext(locals);
		const page = await getGroupForParticipant(ctx, params.token, params.id);
		const digest = page.myRole ? await getGroupDigestPreference(ctx, params.token) : null;
		return { optInNeeded: false, page, digest, token: params.token, done: url.searchParams.get('fait') };
	} catch (e) {
		if (e instanceof ForbiddenError) return { optInNeeded: true, page: null, digest: null, token: params.token, done: null };
		throw pageError(e, locals.t);
	}
};

const here = (token: string, id: string, done: string) => `/inscription/${token}/reseau/groupes/${id}?fait=${done}`;

export const actions: Actions = {
	rejoindre: async ({ locals, params }) => {
		const res = await formAction(locals, {}, () => joinGroup(serviceContext(locals), params.token, params.id));
		if (!res.ok) return res.failure;
		redirect(303, here(params.token, params.id, 'joined'));
	},
	quitter: async ({ locals, params }) => {
		const res = await formAction(locals, {}, () => leaveGroup(serviceContext(locals), params.token, params.id));
		if (!res.ok) return res.failure;
		redirect(303, here(params.token, params.id, 'left'));
	},
	note: async ({ request, locals, params }) => {
		const values = noteFormValues(await request.formData());
		const res = await formAction(locals, values, () => addNote(serviceContext(locals), params.token, params.id, values));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.token, params.id, 'noted')}#notes`);
	},
	resume: async ({ request, locals, params }) => {
		const receive = (await request.formData()).get('receive') === 'true';
		const res = await formAction(locals, {}, () => setGroupDigestPreference(serviceContext(locals), params.token, receive));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.token, params.id, receive ? 'digestOn' : 'digestOff')}#resume`);
	},
	inviter: async ({ request, locals, params }) => {
		const values = textFormValues(await request.formData(), ['email']);
		const res = await formAction(locals, values, () => inviteAsCoordinator(serviceContext(locals), params.token, params.id, values));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.token, params.id, 'invited')}#inviter`);
	},
	retirerNote: async ({ request, locals, params }) => {
		const values = textFormValues(await request.formData(), ['noteId']);
		const res = await formAction(locals, values, () => deleteNote(serviceContext(locals), params.token, params.id, values.noteId));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.token, params.id, 'noteDeleted')}#notes`);
	}
};

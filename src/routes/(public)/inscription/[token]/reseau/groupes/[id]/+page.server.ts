import { redirect } from '@sveltejs/kit';
import { formAction, pageError, serviceContext } from '#lib/server/route-helpers.ts';
import { ForbiddenError } from '#lib/server/validation.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import { noteFormValues } from '#lib/server/groups/groups.form.ts';
import { addNote, deleteNote, getGroupForParticipant, joinGroup, leaveGroup } from '#lib/server/groups/groups.service.ts';
import type { Actions, PageServerLoad } from './$types';

// The token in the address is the person's key: never sent to another site, never cached.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	try {
		const page = await getGroupForParticipant(serviceContext(locals), params.token, params.id);
		return { optInNeeded: false, page, token: params.token, done: url.searchParams.get('fait') };
	} catch (e) {
		if (e instanceof ForbiddenError) return { optInNeeded: true, page: null, token: params.token, done: null };
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
	retirerNote: async ({ request, locals, params }) => {
		const values = textFormValues(await request.formData(), ['noteId']);
		const res = await formAction(locals, values, () => deleteNote(serviceContext(locals), params.token, params.id, values.noteId));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.token, params.id, 'noteDeleted')}#notes`);
	}
};

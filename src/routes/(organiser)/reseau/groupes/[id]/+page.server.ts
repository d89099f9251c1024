import { redirect } from '@sveltejs/kit';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import { noteFormValues } from '#lib/server/groups/groups.form.ts';
import {
	addNoteOfAccount,
	deleteNoteOfAccount,
	getGroupOfAccount,
	leaveGroupOfAccount,
	setDigestOfAccount
} from '#lib/server/groups/account-groups.service.ts';
import type { Actions, PageServerLoad } from './$types';

// One of the signed-in account's working groups (account-groups.service.ts): any other is a 404.
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'private, no-store' });
	const actor = requireUser(locals, url);
	const page = await loadOr404(locals.t, () => getGroupOfAccount(serviceContext(locals), actor, params.id));
	return { page, done: url.searchParams.get('fait') };
};

const here = (id: string, done: string) => `/reseau/groupes/${id}?fait=${done}`;

export const actions: Actions = {
	quitter: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		await loadOr404(locals.t, () => leaveGroupOfAccount(serviceContext(locals), actor, params.id));
		redirect(303, '/reseau/groupes?fait=left');
	},
	note: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = noteFormValues(await request.formData());
		const res = await formAction(locals, values, () => addNoteOfAccount(serviceContext(locals), actor, params.id, values));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.id, 'noted')}#notes`);
	},
	resume: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const receive = (await request.formData()).get('receive') === 'true';
		await loadOr404(locals.t, () => setDigestOfAccount(serviceContext(locals), actor, params.id, receive));
		redirect(303, `${here(params.id, receive ? 'digestOn' : 'digestOff')}#resume`);
	},
	retirerNote: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = textFormValues(await request.formData(), ['noteId']);
		const res = await formAction(locals, values, () => deleteNoteOfAccount(serviceContext(locals), actor, params.id, values.noteId));
		if (!res.ok) return res.failure;
		redirect(303, `${here(params.id, 'noteDeleted')}#notes`);
	}
};

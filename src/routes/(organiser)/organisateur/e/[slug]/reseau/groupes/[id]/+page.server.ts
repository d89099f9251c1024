import { fail, redirect } from '@sveltejs/kit';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { deleteTeamNote, getGroupForTeam, setCoordinator, updateGroup } from '#lib/server/groups/groups.service.ts';
import { groupFormDefaults, groupFormValues, noteFormValues } from '#lib/server/groups/groups.form.ts';
import {
	addNoteAsAccount,
	getAccountMembership,
	joinGroupAsAccount,
	leaveGroupAsAccount,
	setAccountDigestPreference
} from '#lib/server/groups/account-member.service.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import { inviteAsTeam } from '#lib/server/groups/invitation.service.ts';
import { readVersion } from '#lib/server/edit-version.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const page = await loadOr404(locals.t, () => getGroupForTeam(ctx, actor, params.slug, params.id));
	const me = await getAccountMembership(ctx, actor, params.slug, params.id);
	return { ...page, me, defaults: groupFormDefaults(page.group), done: url.searchParams.get('fait') };
};

const back = (slug: string, id: string, done: string) => `/organisateur/e/${slug}/reseau/groupes/${id}?fait=${done}`;

export const actions: Actions = {
	modifier: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const values = groupFormValues(form);
		// The version the form was loaded from (hidden field): a change saved since answers 409.
		const version = String(form.get('version') ?? '');
		const res = await formAction(locals, { ...values, version }, () =>
			updateGroup(serviceContext(locals), actor, params.slug, params.id, values, new Date(), readVersion(version))
		);
		if (!res.ok) return res.failure;
		redirect(303, back(params.slug, params.id, 'saved'));
	},
	coordination: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = textFormValues(await request.formData(), ['profileId', 'coordinator']);
		const res = await formAction(locals, values, () => setCoordinator(serviceContext(locals), actor, params.slug, params.id, values));
		if (!res.ok) return res.failure;
		redirect(303, back(params.slug, params.id, 'coordinator'));
	},
	inviter: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = textFormValues(await request.formData(), ['email']);
		const res = await formAction(locals, values, () => inviteAsTeam(serviceContext(locals), actor, params.slug, params.id, values));
		if (!res.ok) return res.failure;
		redirect(303, `${back(params.slug, params.id, 'invited')}#inviter`);
	},
	// The signed-in person as a member of the group, under their own name.
	rejoindre: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, {}, () => joinGroupAsAccount(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		redirect(303, `${back(params.slug, params.id, 'joined')}#moi`);
	},
	quitter: async ({ locals, params, url }) => {
		const actor = requireUser(locals, url);
		const res = await formAction(locals, {}, () => leaveGroupAsAccount(serviceContext(locals), actor, params.slug, params.id));
		if (!res.ok) return res.failure;
		redirect(303, `${back(params.slug, params.id, 'left')}#moi`);
	},
	resume: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const receive = (await request.formData()).get('receive') === 'true';
		const res = await formAction(locals, {}, () =>
			setAccountDigestPreference(serviceContext(locals), actor, params.slug, params.id, receive)
		);
		if (!res.ok) return res.failure;
		redirect(303, `${back(params.slug, params.id, receive ? 'digestOn' : 'digestOff')}#resume`);
	},
	note: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = noteFormValues(await request.formData());
		const res = await formAction(locals, values, () => addNoteAsAccount(serviceContext(locals), actor, params.slug, params.id, values));
		// Kept apart from the group form's values and errors, which share field names.
		if (!res.ok) return fail(400, { noteValues: values, noteErrors: (res.failure.data as { errors: Record<string, string> }).errors });
		redirect(303, `${back(params.slug, params.id, 'noted')}#notes`);
	},
	retirerNote: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = textFormValues(await request.formData(), ['noteId']);
		const res = await formAction(locals, values, () =>
			deleteTeamNote(serviceContext(locals), actor, params.slug, params.id, values.noteId)
		);
		if (!res.ok) return res.failure;
		redirect(303, back(params.slug, params.id, 'noteDeleted'));
	}
};

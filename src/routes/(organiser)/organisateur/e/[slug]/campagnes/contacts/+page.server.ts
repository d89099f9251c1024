import { redirect } from '@sveltejs/kit';
import { copyContactList, createContactList, listContactLists } from '#lib/server/contacts/contact.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const { lists, reusable } = await loadOr404(locals.t, () => listContactLists(serviceContext(locals), actor, params.slug));
	return { lists, reusable };
};

export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const name = String((await request.formData()).get('name') ?? '');
		const res = await formAction(locals, { name, _form: 'create' }, () =>
			createContactList(serviceContext(locals), actor, params.slug, { name })
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/campagnes/contacts/${res.result.id}`);
	},
	copy: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const source = String((await request.formData()).get('source') ?? '');
		const res = await formAction(locals, { source, _form: 'copy' }, () =>
			copyContactList(serviceContext(locals), actor, params.slug, source)
		);
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/campagnes/contacts/${res.result.id}`);
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { addEventImage, listEventImages, removeEventImage } from '#lib/server/programme/event-image.service.ts';
import { hasFile, readUpload } from '#lib/server/programme/uploads.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const images = await loadOr404(locals.t, () => listEventImages(serviceContext(locals), actor, params.slug));
	return { images, done: url.searchParams.get('ok') };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const form = await request.formData();
		const file = form.get('image');
		const values = {
			_form: String(form.get('_form') ?? ''),
			kind: String(form.get('kind') ?? ''),
			name: String(form.get('name') ?? ''),
			link: String(form.get('link') ?? ''),
			alt: String(form.get('alt') ?? '')
		};
		const upload = hasFile(file) ? await readUpload(file) : undefined;
		const res = await formAction(locals, values, () => addEventImage(serviceContext(locals), actor, params.slug, values, upload));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/modifier/images?ok=${values.kind === 'banner' ? 'banner' : 'logo'}`);
	},
	remove: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		if (!/^[0-9a-f-]{36}$/.test(id)) return fail(400, { errors: { _: locals.t('errors.notFound') } });
		await loadOr404(locals.t, () => removeEventImage(serviceContext(locals), actor, params.slug, id));
		redirect(303, `/organisateur/e/${params.slug}/modifier/images?ok=removed`);
	}
};

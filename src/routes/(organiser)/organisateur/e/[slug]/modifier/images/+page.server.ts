import { fail, redirect } from '@sveltejs/kit';
import { addEventImage, listEventImages, removeEventImage } from '#lib/server/programme/event-image.service.ts';
import { readMultipart, uploadOf } from '#lib/server/programme/programme.http.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const images = await loadOr404(locals.t, () => listEventImages(serviceContext(locals), actor, params.slug));
	const done = url.searchParams.get('ok');
	return { images, done: done === 'banner' || done === 'logo' || done === 'removed' ? done : null };
};

export const actions: Actions = {
	add: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		// Which form (`?/add&form=banner|logo`), known even when the body is refused as too large.
		const which = url.searchParams.get('form') === 'banner' ? 'banner' : 'logo';
		const values = { _form: which, kind: which === 'banner' ? 'banner' : 'organiser', name: '', link: '', alt: '' };
		const res = await formAction(locals, values, async () => {
			const form = await readMultipart(request, 'image');
			const text = (k: string) => String(form.get(k) ?? '');
			Object.assign(values, {
				kind: which === 'banner' ? 'banner' : text('kind'),
				name: text('name'),
				link: text('link'),
				alt: text('alt')
			});
			return addEventImage(serviceContext(locals), actor, params.slug, values, await uploadOf(form, 'image'));
		});
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/modifier/images?ok=${which}`);
	},
	remove: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const id = String((await request.formData()).get('id') ?? '');
		if (!/^[0-9a-f-]{36}$/.test(id)) return fail(400, { errors: { _: locals.t('errors.notFound') } });
		await loadOr404(locals.t, () => removeEventImage(serviceContext(locals), actor, params.slug, id));
		redirect(303, `/organisateur/e/${params.slug}/modifier/images?ok=removed`);
	}
};

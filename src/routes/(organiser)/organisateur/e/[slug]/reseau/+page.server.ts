import { redirect } from '@sveltejs/kit';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import { getNetworkOverview } from '#lib/server/network/overview.service.ts';
import { listEventPeople, updateNetworkSettings } from '#lib/server/network/profile.service.ts';
import { textFormValues } from '#lib/server/network/network.form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const ctx = serviceContext(locals);
	const filter = Object.fromEntries(
		['q', 'theme', 'departement', 'role', 'structureType'].map((k) => [k, url.searchParams.get(k) ?? undefined])
	);
	return {
		overview: await loadOr404(locals.t, () => getNetworkOverview(ctx, actor, params.slug)),
		people: await loadOr404(locals.t, () => listEventPeople(ctx, { actor }, params.slug, filter)),
		filter,
		done: url.searchParams.get('fait')
	};
};

export const actions: Actions = {
	reglages: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const values = textFormValues(await request.formData(), ['meetingPoint', 'openDaysAfter']);
		const res = await formAction(locals, values, () => updateNetworkSettings(serviceContext(locals), actor, params.slug, values));
		if (!res.ok) return res.failure;
		redirect(303, `/organisateur/e/${params.slug}/reseau?fait=settings`);
	}
};

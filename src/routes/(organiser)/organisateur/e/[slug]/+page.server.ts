import { updateEvent } from '#lib/server/events/event.service.ts';
import { getEventOverview } from '#lib/server/overview/overview.service.ts';
import { formAction, loadOr404, requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const actor = requireUser(locals, url);
	const overview = await loadOr404(locals.t, () => getEventOverview(serviceContext(locals), actor, params.slug, locals.lang));
	return { created: url.searchParams.has('cree'), overview };
};

export const actions: Actions = {
	status: async ({ request, locals, params, url }) => {
		const actor = requireUser(locals, url);
		const status = String((await request.formData()).get('status') ?? '');
		const res = await formAction(locals, { status }, () => updateEvent(serviceContext(locals), actor, params.slug, { status }));
		if (!res.ok) return res.failure;
		return { statusChanged: res.result.status };
	}
};

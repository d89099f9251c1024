import { getEvent } from '#lib/server/events/event.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const event = await loadOr404(locals.t, () => getEvent(serviceContext(locals), locals.actor, params.slug));
	const status = url.searchParams.get('statut');
	return {
		event: { slug: event.slug, title: event.title },
		status: status === 'waitlisted' || status === 'deja' || status === 'partiel' || status === 'a-confirmer' ? status : 'confirmed'
	};
};

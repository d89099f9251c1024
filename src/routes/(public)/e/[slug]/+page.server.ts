import { getEvent } from '#lib/server/events/event.service.ts';
import { getRegistrationSummary } from '#lib/server/registrations/registration.service.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import { eventJsonLd } from '#lib/server/events/event-json-ld.ts';
import { ldScript } from '#lib/server/programme/exports/json-ld.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const ctx = serviceContext(locals);
	const [event, registration] = await loadOr404(locals.t, () =>
		Promise.all([getEvent(ctx, locals.actor, params.slug), getRegistrationSummary(ctx, locals.actor, params.slug)])
	);
	return { event, registration, jsonLd: ldScript(eventJsonLd(event)) };
};

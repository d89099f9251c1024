import { listMyEvents } from '#lib/server/events/event.service.ts';
import { requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	events: await listMyEvents(serviceContext(locals), requireUser(locals, url))
});

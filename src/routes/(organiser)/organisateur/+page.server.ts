import { listMyEvents } from '#lib/server/events/event.service.ts';
import { isNationalReviewer } from '#lib/server/national/label-request.service.ts';
import { requireUser, serviceContext } from '#lib/server/route-helpers.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => ({
	events: await listMyEvents(serviceContext(locals), requireUser(locals, url)),
	// National reviewers (and administrators) get a link to the label requests' queue.
	reviewer: await isNationalReviewer(locals.app.handle.db, locals.actor)
});

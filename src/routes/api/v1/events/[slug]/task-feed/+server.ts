import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getTaskFeed, resetTaskFeed } from '#lib/server/planning/feed.service.ts';
import type { RequestHandler } from './$types';

/** The caller's private `.ics` addresses of the tasks (null before they ask for one). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const feed = await getTaskFeed(serviceContext(locals), requireActor(locals), params.slug);
		return json(feed ?? { all: null, mine: null });
	});

/** New private addresses: the previous ones stop working at once. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await resetTaskFeed(serviceContext(locals), requireActor(locals), params.slug)));

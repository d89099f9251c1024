import { pingDb } from '#lib/server/db/index.ts';
import type { RequestHandler } from './$types';

/** For load balancers and the test harness: 200 once the database answers. */
export const GET: RequestHandler = async ({ locals }) => {
	await pingDb(locals.app.handle.db);
	return new Response('ok', { headers: { 'content-type': 'text/plain' } });
};

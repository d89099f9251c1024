import { findUnsubscribeLink, unsubscribeByToken } from '#lib/server/campaigns/unsubscribe.service.ts';
import { oneClickOptOutHandlers } from '#lib/server/mail/opt-out-route.ts';
import type { RequestHandler } from './$types';

// A campaign message's unsubscribe link (GET: a page with a button; POST: unsubscribes).
const handlers = oneClickOptOutHandlers({
	find: findUnsubscribeLink,
	optOut: (db, token) => unsubscribeByToken(db, token),
	keys: 'campaigns.unsubscribe'
});

export const GET: RequestHandler = (event) => handlers.GET(event);
export const POST: RequestHandler = (event) => handlers.POST(event);

import { findGroupDigestOptOut, optOutOfGroupDigestByToken } from '#lib/server/groups/digest.service.ts';
import { oneClickOptOutHandlers } from '#lib/server/mail/opt-out-route.ts';
import type { RequestHandler } from './$types';

// The working groups' weekly digest opt-out link (GET: a page with a button; POST: stops the digest).
const handlers = oneClickOptOutHandlers({
	find: findGroupDigestOptOut,
	optOut: (db, token) => optOutOfGroupDigestByToken(db, token),
	keys: 'groups.digest.optOut'
});

export const GET: RequestHandler = (event) => handlers.GET(event);
export const POST: RequestHandler = (event) => handlers.POST(event);

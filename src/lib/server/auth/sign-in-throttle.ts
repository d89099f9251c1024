/**
 * Limits on sign-in e-mails, on every path that sends one (the sign-in form and better-auth's
 * `/api/auth/sign-in/magic-link`): anyone can ask for a link for any address, so without a limit
 * the instance would mail whoever a script names, as often as it likes.
 *
 * - Per address: at most 3 links in 15 minutes (the lifetime of a link), counted in the outbox,
 *   so every process shares the count. A person who lost the first e-mail can ask twice more.
 * - Per client address: a bucket of 20 requests refilled at 20 per 15 minutes, in memory. Sign-in
 *   is rare (a session lasts 30 days) and the team of an event is a dozen people, so even a shared
 *   office network stays far below it, while a script is held to about one a minute.
 */
import type { DbOrTx } from '../db/index.ts';
import { countRecentMail } from '../mail/outbox.queries.ts';
import { appLimiter, type RateLimiter } from '../registrations/rate-limit.ts';

export const SIGN_IN_LINKS_PER_ADDRESS = 3;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** `SIGN_IN_RATE_LIMIT=off` turns both limits off (the browser tests sign the same people in often). */
function signInLimitsOff(): boolean {
	return process.env.SIGN_IN_RATE_LIMIT?.trim() === 'off';
}

/** Whether one more sign-in link may be mailed to `email` now. */
export async function signInLinkAllowed(db: DbOrTx, email: string, now = new Date()): Promise<boolean> {
	if (signInLimitsOff()) return true;
	const sent = await countRecentMail(db, {
		kinds: ['magic-link'],
		to: email.trim().toLowerCase(),
		sinceIso: new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString()
	});
	return sent < SIGN_IN_LINKS_PER_ADDRESS;
}

/** The per-client-address limiter of sign-in requests of this app instance. */
export function signInClientLimiter(app: object): RateLimiter | null {
	return appLimiter(app, 'sign-in', () => (signInLimitsOff() ? null : { burst: 20, perMinute: 20 / 15 }));
}

/** Counts one sign-in request from `clientAddress`; false when that address is over its limit. */
export function signInClientAllowed(app: object, clientAddress: string): boolean {
	const limiter = signInClientLimiter(app);
	return !limiter || limiter.take(clientAddress).ok;
}

/**
 * The global cap on e-mails that anyone, signed in or not, can make the instance send: sign-in
 * links, the "your private link again" e-mail of a repeat registration and double opt-in's
 * confirmation link (registrations/registration-hold.service.ts). Beyond
 * `ANONYMOUS_MAIL_PER_MINUTE` (120 by default) created within a minute, a new one is scheduled a
 * minute later per full minute's worth already queued: a flood waits in the outbox instead of
 * going out at once, and never passes a confirmation (lower priority, mail-priority.ts).
 * Registration confirmations are not capped here: each one holds a real place, and the
 * registration endpoint has its own limits (registrations/rate-limit.ts).
 */
import type { DbOrTx } from '../db/index.ts';
import { countRecentMail } from './outbox.queries.ts';

export const ANONYMOUS_MAIL_KINDS = ['magic-link', 'registration-link', 'registration-opt-in'];

/** The cap per minute from `ANONYMOUS_MAIL_PER_MINUTE` (a positive integer, or `off`). */
export function anonymousMailPerMinute(value = process.env.ANONYMOUS_MAIL_PER_MINUTE): number {
	const v = value?.trim();
	if (v === 'off') return Infinity;
	const n = Number(v);
	return v && Number.isInteger(n) && n > 0 ? n : 120;
}

/** When a new anonymous message may first be sent: now, or later when the last minute is full. */
export async function anonymousMailNotBefore(db: DbOrTx, now = new Date(), perMinute = anonymousMailPerMinute()): Promise<Date> {
	if (!Number.isFinite(perMinute)) return now;
	const recent = await countRecentMail(db, { kinds: ANONYMOUS_MAIL_KINDS, sinceIso: new Date(now.getTime() - 60_000).toISOString() });
	const minutesLate = Math.floor(recent / perMinute);
	return new Date(now.getTime() + minutesLate * 60_000);
}

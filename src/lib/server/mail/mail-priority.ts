/**
 * The order in which the outbox sends what is due (claimed by ascending priority, then age).
 *
 * Why these levels: a person who has just registered waits for the confirmation of their place
 * (0); everything else someone asked for in the app comes next (1); a sign-in link (2) is what
 * anyone on the internet can make the instance send, so a burst of them never holds back a
 * confirmation; a campaign (3) is bulk mail that may take its time.
 */
export const MAIL_PRIORITY = { registration: 0, transactional: 1, signIn: 2, bulk: 3 } as const;

/** Kinds of message that announce a change of a real registration (its place, its loss). */
const REGISTRATION_KINDS = new Set(['registration-confirmed', 'registration-promoted', 'registration-cancelled']);

/** The priority of a message of `kind` (see MAIL_PRIORITY). */
export function mailPriority(kind: string): number {
	if (REGISTRATION_KINDS.has(kind)) return MAIL_PRIORITY.registration;
	if (kind === 'magic-link') return MAIL_PRIORITY.signIn;
	if (kind === 'campaign') return MAIL_PRIORITY.bulk;
	return MAIL_PRIORITY.transactional;
}

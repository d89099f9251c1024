/**
 * The one-click unsubscribe of campaign messages (RFC 8058). The link carries a random token of
 * which only the hash is stored (`campaign_recipient.unsubscribe_hash`); opening it shows a page
 * with a button (mail scanners open links, and must not unsubscribe anyone), and a POST — the
 * button, or the mail client's one-click request — records the address as unsubscribed from the
 * event's organiser: no campaign of theirs writes to it again, and imports refuse it.
 */
import type { DbOrTx } from '../db/index.ts';
import { insertUnsubscribe } from '../contacts/contact.queries.ts';
import { NotFoundError } from '../validation.ts';
import { findRecipientByUnsubscribeHash } from './campaign.queries.ts';
import { hashUnsubscribeToken } from './campaign-mail.ts';

/** Who the link is for (the address, the event's title); NotFoundError for an unknown token. */
export async function findUnsubscribeLink(db: DbOrTx, token: string): Promise<{ email: string; eventTitle: string }> {
	const r = token ? await findRecipientByUnsubscribeHash(db, hashUnsubscribeToken(token)) : undefined;
	if (!r) throw new NotFoundError('unsubscribe link');
	return { email: r.email, eventTitle: r.title };
}

/** Unsubscribes the link's address from the event's organiser; doing it twice changes nothing. */
export async function unsubscribeByToken(
	db: DbOrTx,
	token: string,
	now: Date = new Date()
): Promise<{ email: string; eventTitle: string }> {
	const r = token ? await findRecipientByUnsubscribeHash(db, hashUnsubscribeToken(token)) : undefined;
	if (!r) throw new NotFoundError('unsubscribe link');
	await insertUnsubscribe(db, r.event_id, r.email, now.toISOString());
	return { email: r.email, eventTitle: r.title };
}

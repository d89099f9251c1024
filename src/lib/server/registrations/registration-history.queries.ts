/** Kysely code of a registration's history: the e-mails sent to its address for the event, and the audit lines about it. */
import type { DbOrTx } from '../db/index.ts';

/** The event's e-mails to an address, newest first (what the outbox keeps: subject and status, no body). */
export function listMailsTo(db: DbOrTx, eventId: string, address: string, limit = 50) {
	return db
		.selectFrom('mail_message')
		.select(['id', 'kind', 'subject', 'status', 'attempts', 'last_error', 'sent_at', 'created_at'])
		.where('event_id', '=', eventId)
		.where('to_address', '=', address)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** The audit lines of the event about one registration (its id as subject), newest first. */
export function listAuditRowsAbout(db: DbOrTx, eventId: string, registrationId: string, actions: readonly string[], limit = 50) {
	return db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor_id', 'actor_label', 'action', 'details'])
		.where('event_id', '=', eventId)
		.where('subject', '=', registrationId)
		.where('action', 'in', [...actions])
		.orderBy('at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

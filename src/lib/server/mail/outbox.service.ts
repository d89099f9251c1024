/**
 * The e-mail outbox. A message is written in the same transaction as what caused it (a
 * registration, an invitation…), then a worker claims it, sends it and marks it sent; a failed
 * send waits longer and longer before the next try and gives up after MAX_MAIL_ATTEMPTS.
 * A message may also be queued unwritten (`preparing`, see queueMailToRender): its renderer
 * writes it later (mail-renderer.ts), then it is sent like the others.
 * Delivery is at least once: a worker that dies between the SMTP "250 OK" and `markMailSent`
 * sends again after its lock runs out, with the same Message-ID so receivers can drop the copy.
 * Once sent, a message is kept with its private links masked (markMailSent), and deleted after
 * MAIL_RETENTION_DAYS (purgeOldMail, run by outbox.jobs.ts).
 */
import { newRowId } from '../db/row-id.ts';
import type { DbHandle, DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { mailPriority } from './mail-priority.ts';
import { maskPrivateLinks, maskPrivateLinksInHeaders } from './private-links.ts';
import {
	claimDueMailMessage,
	countDueMailMessages,
	countMailMessagesByStatus,
	deleteMailMessagesDoneBefore,
	findLockedMailMessage,
	insertMailMessage,
	type NewMailMessageRow,
	selectMailMessage,
	selectMailSummaries,
	selectMailToRender,
	updateMailRendered,
	updateMailRenderPostponed,
	updateFailedMailMessageToPending,
	updateMailMessageAfterFailure,
	updateMailMessageSent,
	type MailMessageRow,
	type MailSummaryRow
} from './outbox.queries.ts';

export const MAIL_STATUSES = ['preparing', 'pending', 'sending', 'sent', 'failed'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Attempts (claims) after which a message is `failed` for good. */
export const MAX_MAIL_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 60 * 60_000;
const MAX_ERROR_LENGTH = 1000;

export interface MailAttachment {
	filename: string;
	contentType: string;
	content: Buffer;
}

export interface NewMail {
	/** What the message is about, for the outbox screen and the logs: 'magic-link', 'registration-confirmed'… */
	kind: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	eventId?: string | null;
	attachments?: MailAttachment[];
	/** Extra headers, e.g. `List-Unsubscribe` (RFC 8058) on campaign and digest messages. */
	headers?: Record<string, string>;
	/** Claim order, lowest first; by default `mailPriority(kind)` (mail-priority.ts). */
	priority?: number;
	/** Not sent before this time (anonymous-mail.ts holds a flood back this way); now by default. */
	notBefore?: Date;
}

export interface OutboxMailSummary {
	id: string;
	kind: string;
	eventId: string | null;
	to: string;
	subject: string;
	status: MailStatus;
	attempts: number;
	nextAttemptAt: string;
	lockedUntil: string | null;
	/** The worker that claimed it last (and sent it, once `sent`). */
	lockedBy: string | null;
	lastError: string | null;
	sentAt: string | null;
	createdAt: string;
}

export interface OutboxMail extends OutboxMailSummary {
	text: string;
	html: string;
	attachments: MailAttachment[];
	headers: Record<string, string>;
}

export type OutboxCounts = Record<MailStatus, number> & { total: number };

/** How attachments sit in the `attachments` text column. */
interface StoredAttachment {
	filename: string;
	contentType: string;
	contentBase64: string;
}

export function toOutboxMailSummary(row: MailSummaryRow): OutboxMailSummary {
	return {
		id: row.id,
		kind: row.kind,
		eventId: row.event_id,
		to: row.to_address,
		subject: row.subject,
		status: row.status as MailStatus,
		attempts: Number(row.attempts),
		nextAttemptAt: toIso(row.next_attempt_at),
		lockedUntil: toIso(row.locked_until),
		lockedBy: row.locked_by,
		lastError: row.last_error,
		sentAt: toIso(row.sent_at),
		createdAt: toIso(row.created_at)
	};
}

export function toOutboxMail(row: MailMessageRow): OutboxMail {
	const stored: StoredAttachment[] = row.attachments ? JSON.parse(row.attachments) : [];
	return {
		...toOutboxMailSummary(row),
		text: row.text_body,
		html: row.html_body,
		attachments: stored.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.contentBase64, 'base64') })),
		headers: row.headers ? (JSON.parse(row.headers) as Record<string, string>) : {}
	};
}

/** 30 s after the first failed attempt, doubling each time, never more than 6 h. */
export function retryDelayMs(attempts: number): number {
	return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Queues a message; nothing is sent until a worker runs. Pass the caller's transaction so the
 * message exists exactly when what it announces does. Throws when `to` is empty.
 */
export async function enqueueMail(db: DbOrTx, msg: NewMail, options: { now?: Date } = {}): Promise<{ id: string }> {
	const row = newMailRow(msg, options);
	await insertMailMessage(db, row);
	return { id: row.id };
}

/** How attachments are stored: JSON in the `attachments` column, null without any. */
function attachmentsColumn(list: MailAttachment[] = []): string | null {
	const stored: StoredAttachment[] = list.map((a) => ({
		filename: a.filename,
		contentType: a.contentType,
		contentBase64: a.content.toString('base64')
	}));
	return stored.length ? JSON.stringify(stored) : null;
}

function headersColumn(headers: Record<string, string> | undefined): string | null {
	return headers && Object.keys(headers).length ? JSON.stringify(headers) : null;
}

/** The outbox row of a message, for a caller that inserts it with other rows (see enqueueMail). */
export function newMailRow(msg: NewMail, options: { now?: Date } = {}): NewMailMessageRow & { id: string } {
	const to = msg.to.trim();
	if (!to) throw new Error('enqueueMail: the recipient address is empty');
	const id = newRowId();
	const now = (options.now ?? new Date()).toISOString();
	return {
		id,
		kind: msg.kind,
		event_id: msg.eventId ?? null,
		to_address: to,
		subject: msg.subject,
		text_body: msg.text,
		html_body: msg.html,
		attachments: attachmentsColumn(msg.attachments),
		headers: headersColumn(msg.headers),
		priority: msg.priority ?? mailPriority(msg.kind),
		status: 'pending',
		attempts: 0,
		next_attempt_at: msg.notBefore && msg.notBefore.toISOString() > now ? msg.notBefore.toISOString() : now,
		locked_until: null,
		locked_by: null,
		last_error: null,
		sent_at: null,
		created_at: now
	};
}

/** What a message queued unwritten needs to be written: its renderer's name and arguments. */
export interface RenderFrom {
	template: string;
	[key: string]: unknown;
}

/**
 * The outbox row of a message to be written later by the renderer named in `renderFrom`: it is
 * `preparing`, with its subject but no body yet. For a message whose writing is too dear for the
 * transaction that causes it (a registration confirmation, in a rush); it exists exactly when
 * what it announces does, as with newMailRow.
 */
export function newMailToRenderRow(
	msg: Pick<NewMail, 'kind' | 'to' | 'subject' | 'eventId' | 'priority'>,
	renderFrom: RenderFrom,
	options: { now?: Date } = {}
): NewMailMessageRow & { id: string } {
	return { ...newMailRow({ ...msg, text: '', html: '' }, options), status: 'preparing', render_from: JSON.stringify(renderFrom) };
}

export interface MailToRender {
	id: string;
	attempts: number;
	renderFrom: RenderFrom;
}

/** Messages waiting for their renderer whose time has come, oldest first. */
export async function listMailToRender(db: DbOrTx, options: { limit: number; now?: Date }): Promise<MailToRender[]> {
	const rows = await selectMailToRender(db, (options.now ?? new Date()).toISOString(), options.limit);
	return rows.map((r) => ({ id: r.id, attempts: Number(r.attempts), renderFrom: JSON.parse(r.render_from ?? '{}') as RenderFrom }));
}

/**
 * Stores what the renderer wrote and makes the message due; with `{ dropped }` instead, ends it as
 * `failed` with that reason (what it announced is gone). False if it was no longer `preparing`.
 */
export async function storeRenderedMail(
	db: DbOrTx,
	id: string,
	outcome: NewMail | { dropped: string },
	options: { now?: Date } = {}
): Promise<boolean> {
	const now = (options.now ?? new Date()).toISOString();
	if ('dropped' in outcome) return updateMailRendered(db, id, { status: 'failed', last_error: outcome.dropped, next_attempt_at: now });
	return updateMailRendered(db, id, {
		status: 'pending',
		subject: outcome.subject,
		text_body: outcome.text,
		html_body: outcome.html,
		attachments: attachmentsColumn(outcome.attachments),
		headers: headersColumn(outcome.headers),
		last_error: null,
		next_attempt_at: now
	});
}

/**
 * A render that failed (the database did not answer, a bug): tried again after `retryDelayMs`,
 * and given up (`failed`) after MAX_MAIL_ATTEMPTS, like a send.
 */
export async function postponeMailRender(
	db: DbOrTx,
	id: string,
	attempts: number,
	error: unknown,
	options: { now?: Date } = {}
): Promise<void> {
	const now = options.now ?? new Date();
	const tried = attempts + 1;
	if (tried >= MAX_MAIL_ATTEMPTS) {
		await storeRenderedMail(db, id, { dropped: `could not be written: ${describeError(error)}` }, options);
		return;
	}
	await updateMailRenderPostponed(db, id, {
		attempts: tried,
		nextAttemptAtIso: new Date(now.getTime() + retryDelayMs(tried)).toISOString(),
		lastError: describeError(error)
	});
}

/**
 * Atomically claims one due message for `workerId` (pending and due, or `sending` with an expired
 * lock) and counts the attempt; null when nothing is due. Safe from any number of processes.
 * Runs outside any transaction on purpose: on SQLite a transaction held across awaits would
 * block the other process's writers.
 */
export async function claimNextMail(
	handle: DbHandle,
	workerId: string,
	options: { lockMs: number; now?: Date }
): Promise<OutboxMail | null> {
	const now = options.now ?? new Date();
	const row = await claimDueMailMessage(handle.db, handle.dialect, {
		workerId,
		nowIso: now.toISOString(),
		lockedUntilIso: new Date(now.getTime() + options.lockMs).toISOString()
	});
	return row ? toOutboxMail(row) : null;
}

/** How many messages a worker could claim now; the worker's `drain()` waits for zero. */
export async function countDueMail(db: DbOrTx, options: { now?: Date } = {}): Promise<number> {
	return countDueMailMessages(db, (options.now ?? new Date()).toISOString());
}

/**
 * Marks the message sent, only if `workerId` still holds it; false means its lock ran out and
 * another worker took it over (that one may send a duplicate, with the same Message-ID). What is
 * kept of it from then on has its private links masked (private-links.ts): the outbox no longer
 * holds a token that would let its reader act as the recipient.
 */
export async function markMailSent(
	db: DbOrTx,
	mail: Pick<OutboxMail, 'id' | 'text' | 'html' | 'headers'>,
	workerId: string,
	options: { now?: Date } = {}
): Promise<boolean> {
	return updateMailMessageSent(db, mail.id, workerId, (options.now ?? new Date()).toISOString(), {
		text_body: maskPrivateLinks(mail.text),
		html_body: maskPrivateLinks(mail.html),
		headers: headersColumn(maskPrivateLinksInHeaders(mail.headers))
	});
}

/** Sent messages are kept this many days by default (`MAIL_RETENTION_DAYS`). */
export const DEFAULT_MAIL_RETENTION_DAYS = 90;

/**
 * Deletes the messages done with for more than `days` days (sent, or failed or never sent with
 * their last attempt that long ago; see deleteMailMessagesDoneBefore) and answers how many.
 * Idempotent, safe from several processes.
 */
export async function purgeOldMail(db: DbOrTx, options: { days: number; now?: Date }): Promise<number> {
	const now = options.now ?? new Date();
	return deleteMailMessagesDoneBefore(db, new Date(now.getTime() - options.days * 86_400_000).toISOString());
}

/**
 * Records a failed attempt of a message `workerId` holds: back to pending after `retryDelayMs`,
 * or `failed` for good once MAX_MAIL_ATTEMPTS attempts were made. Null if the worker no
 * longer holds the message.
 */
export async function markMailFailed(
	db: DbOrTx,
	id: string,
	workerId: string,
	error: unknown,
	options: { now?: Date } = {}
): Promise<{ status: 'pending' | 'failed'; attempts: number; nextAttemptAt: string } | null> {
	const row = await findLockedMailMessage(db, id, workerId);
	if (!row) return null;
	const now = options.now ?? new Date();
	const attempts = Number(row.attempts);
	const giveUp = attempts >= MAX_MAIL_ATTEMPTS;
	// A message that gave up keeps the time of its last attempt, which the outbox screen shows.
	const nextAttemptAt = giveUp ? now.toISOString() : new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
	const status = giveUp ? 'failed' : 'pending';
	const updated = await updateMailMessageAfterFailure(db, {
		id,
		workerId,
		attempts,
		status,
		nextAttemptAtIso: nextAttemptAt,
		lastError: describeError(error)
	});
	return updated ? { status, attempts, nextAttemptAt } : null;
}

/** Puts a `failed` message back in the queue with its attempts reset; false if it was not failed. */
export async function retryMail(db: DbOrTx, id: string, options: { now?: Date } = {}): Promise<boolean> {
	return updateFailedMailMessageToPending(db, id, (options.now ?? new Date()).toISOString());
}

/** One page of the outbox, newest first, without bodies or attachments (see `getMail`); at most 500 rows. */
export async function listOutbox(
	db: DbOrTx,
	options: { status?: MailStatus; limit: number; offset: number }
): Promise<OutboxMailSummary[]> {
	const limit = Math.max(0, Math.min(Math.trunc(options.limit), 500));
	const offset = Math.max(0, Math.trunc(options.offset));
	const rows = await selectMailSummaries(db, { status: options.status, limit, offset });
	return rows.map(toOutboxMailSummary);
}

export async function getMail(db: DbOrTx, id: string): Promise<OutboxMail | null> {
	const row = await selectMailMessage(db, id);
	return row ? toOutboxMail(row) : null;
}

/** Messages per status and in all, for the outbox screen's tabs and pagination. */
export async function countOutbox(db: DbOrTx): Promise<OutboxCounts> {
	const counts: OutboxCounts = { preparing: 0, pending: 0, sending: 0, sent: 0, failed: 0, total: 0 };
	for (const { status, n } of await countMailMessagesByStatus(db)) {
		if ((MAIL_STATUSES as readonly string[]).includes(status)) counts[status as MailStatus] = n;
		counts.total += n;
	}
	return counts;
}

/** One line for `last_error`: the SMTP reply when there is one. */
export function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const line = message.replace(/\s+/g, ' ').trim() || 'unknown error';
	return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
}

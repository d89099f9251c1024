/** All Kysely code of the mail outbox. Timestamps go in as ISO strings; rows come back raw. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, DbOrTx, Dialect } from '../db/index.ts';
import type { MailMessageTable } from '../db/schema.ts';

export type MailMessageRow = Selectable<MailMessageTable>;
export type NewMailMessageRow = Insertable<MailMessageTable>;

/** The columns an outbox list shows: everything but the bodies and the attachments. */
const SUMMARY_COLUMNS = [
	'id',
	'kind',
	'event_id',
	'to_address',
	'subject',
	'status',
	'attempts',
	'next_attempt_at',
	'locked_until',
	'locked_by',
	'last_error',
	'sent_at',
	'created_at'
] as const;
export type MailSummaryRow = Pick<MailMessageRow, (typeof SUMMARY_COLUMNS)[number]>;

export async function insertMailMessage(db: DbOrTx, row: NewMailMessageRow): Promise<void> {
	await db.insertInto('mail_message').values(row).execute();
}

/**
 * Takes one due message and marks it `sending`, each claim a single statement: first a message
 * `sending` by a worker whose lock ran out (it crashed or hung), else the first pending message
 * whose time has come, by priority then age.
 *
 * PostgreSQL: the subselect locks the row it picks `FOR UPDATE SKIP LOCKED`, so a concurrent
 * claim skips it instead of waiting and then taking it too; a row claimed and committed after
 * our snapshot is re-checked against the WHERE on its new version (no longer due) and passed
 * over. SQLite: the UPDATE holds the database's single write lock from its first read to its
 * last write, so the statement alone is atomic.
 */
export async function claimDueMailMessage(
	db: Db,
	dialect: Dialect,
	args: { workerId: string; nowIso: string; lockedUntilIso: string }
): Promise<MailMessageRow | undefined> {
	const { workerId, nowIso, lockedUntilIso } = args;
	// Two statements rather than one with an OR: each then reads its index in the claim's order
	// (`mail_message_claim_idx`) and stops at the first row, where the OR sorted the whole queue
	// at every claim (70 ms with 6,000 messages waiting on SQLite). Abandoned messages go first.
	const claim = (pick: 'abandoned' | 'due') =>
		db
			.updateTable('mail_message')
			.set((eb) => ({
				status: 'sending',
				locked_by: workerId,
				locked_until: lockedUntilIso,
				attempts: eb('attempts', '+', 1)
			}))
			.where('id', '=', (eb) =>
				eb
					.selectFrom('mail_message')
					.select('id')
					.$if(pick === 'abandoned', (q) => q.where('status', '=', 'sending').where('locked_until', '<', nowIso))
					.$if(pick === 'due', (q) =>
						q
							.where('status', '=', 'pending')
							// SQLite's planner, given a range on next_attempt_at, picked mail_message_due_idx
							// and sorted every due row (147 ms per claim with 6,500 waiting); `+column`
							// (a no-op on SQLite) leaves it the claim index, read in order (0.25 ms).
							.where(dialect === 'sqlite' ? sql<string>`+next_attempt_at` : sql.ref('next_attempt_at'), '<=', nowIso)
							// Lowest first (mail-priority.ts): a confirmation before a sign-in link, a campaign last.
							.orderBy('priority')
							.orderBy('next_attempt_at')
							.orderBy('created_at')
					)
					.limit(1)
					// The only dialect difference of the outbox: SQLite has no row locks (nor the syntax).
					.$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
			)
			.returningAll()
			.executeTakeFirst();
	return (await claim('abandoned')) ?? (await claim('due'));
}

/**
 * Messages of these kinds created since `sinceIso`, to one address when `to` is given (the
 * throttles of mail-throttle.ts; on `mail_message_kind_created_idx` / `mail_message_to_idx`).
 */
export async function countRecentMail(db: DbOrTx, args: { kinds: string[]; sinceIso: string; to?: string }): Promise<number> {
	const row = await db
		.selectFrom('mail_message')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('kind', 'in', args.kinds)
		.where('created_at', '>=', args.sinceIso)
		.$if(args.to !== undefined, (q) => q.where('to_address', '=', args.to!))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** How many messages a worker could claim right now (pending and due, or abandoned). */
export async function countDueMailMessages(db: DbOrTx, nowIso: string): Promise<number> {
	const row = await db
		.selectFrom('mail_message')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where((w) =>
			w.or([
				w.and([w('status', '=', 'pending'), w('next_attempt_at', '<=', nowIso)]),
				w.and([w('status', '=', 'sending'), w('locked_until', '<', nowIso)])
			])
		)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The message as its claiming worker sees it; undefined once another worker holds it. */
export async function findLockedMailMessage(db: DbOrTx, id: string, workerId: string): Promise<MailMessageRow | undefined> {
	return db
		.selectFrom('mail_message')
		.selectAll()
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.where('locked_by', '=', workerId)
		.executeTakeFirst();
}

/**
 * Marks sent only while `workerId` still holds the lock, keeping `kept` as the message's bodies
 * and headers from now on (its private links masked); returns whether it did.
 */
export async function updateMailMessageSent(
	db: DbOrTx,
	id: string,
	workerId: string,
	nowIso: string,
	kept: Pick<NewMailMessageRow, 'text_body' | 'html_body' | 'headers'>
): Promise<boolean> {
	const result = await db
		.updateTable('mail_message')
		// locked_by stays: the outbox screen shows which worker sent it.
		.set({ ...kept, status: 'sent', sent_at: nowIso, locked_until: null, last_error: null })
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.where('locked_by', '=', workerId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/**
 * Releases a failed attempt, as pending again or failed for good. `attempts` guards against a
 * lock that ran out and was claimed again between our read and this write.
 */
export async function updateMailMessageAfterFailure(
	db: DbOrTx,
	args: { id: string; workerId: string; attempts: number; status: 'pending' | 'failed'; nextAttemptAtIso: string; lastError: string }
): Promise<boolean> {
	const result = await db
		.updateTable('mail_message')
		.set({ status: args.status, next_attempt_at: args.nextAttemptAtIso, last_error: args.lastError, locked_until: null })
		.where('id', '=', args.id)
		.where('status', '=', 'sending')
		.where('locked_by', '=', args.workerId)
		.where('attempts', '=', args.attempts)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

/** Puts a failed message back in the queue with a fresh set of attempts; returns whether it did. */
export async function updateFailedMailMessageToPending(db: DbOrTx, id: string, nowIso: string): Promise<boolean> {
	const result = await db
		.updateTable('mail_message')
		// One that was never written (its renderer gave up) is written again first.
		.set((eb) => ({
			status: eb.case().when('render_from', 'is not', null).then('preparing').else('pending').end(),
			attempts: 0,
			next_attempt_at: nowIso,
			locked_until: null
		}))
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function selectMailMessage(db: DbOrTx, id: string): Promise<MailMessageRow | undefined> {
	return db.selectFrom('mail_message').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first; one query whatever the page size. */
export async function selectMailSummaries(db: DbOrTx, args: { status?: string; limit: number; offset: number }): Promise<MailSummaryRow[]> {
	return db
		.selectFrom('mail_message')
		.select(SUMMARY_COLUMNS)
		.$if(args.status !== undefined, (q) => q.where('status', '=', args.status as string))
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(args.limit)
		.offset(args.offset)
		.execute();
}

export async function countMailMessagesByStatus(db: DbOrTx): Promise<{ status: string; n: number }[]> {
	const rows = await db
		.selectFrom('mail_message')
		.select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.groupBy('status')
		.execute();
	return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

/** Messages waiting to be rendered whose time has come, oldest first. */
export async function selectMailToRender(db: DbOrTx, nowIso: string, limit: number): Promise<MailMessageRow[]> {
	return db
		.selectFrom('mail_message')
		.selectAll()
		.where('status', '=', 'preparing')
		.where('next_attempt_at', '<=', nowIso)
		.orderBy('next_attempt_at')
		.orderBy('created_at')
		.limit(limit)
		.execute();
}

/**
 * Writes a rendered message and makes it due (`pending`), or ends it (`failed`, keeping what it
 * would be written from: a retry writes it again); only while it is still `preparing` (another
 * process may have rendered it first). False when it was not.
 */
export async function updateMailRendered(
	db: DbOrTx,
	id: string,
	values: Pick<NewMailMessageRow, 'status' | 'last_error' | 'next_attempt_at'> &
		Partial<Pick<NewMailMessageRow, 'subject' | 'text_body' | 'html_body' | 'attachments' | 'headers'>>
): Promise<boolean> {
	const r = await db
		.updateTable('mail_message')
		.set(values.status === 'failed' ? values : { ...values, render_from: null })
		.where('id', '=', id)
		.where('status', '=', 'preparing')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

/** A render that failed for now: tried again at `nextAttemptAtIso`. */
export async function updateMailRenderPostponed(
	db: DbOrTx,
	id: string,
	args: { attempts: number; nextAttemptAtIso: string; lastError: string }
): Promise<void> {
	await db
		.updateTable('mail_message')
		.set({ attempts: args.attempts, next_attempt_at: args.nextAttemptAtIso, last_error: args.lastError })
		.where('id', '=', id)
		.where('status', '=', 'preparing')
		.execute();
}

/**
 * Deletes the messages that are done with since before `beforeIso`: sent then (on
 * `mail_message_sent_idx`), or failed, pending or never written with their last attempt or their
 * queueing then (on `mail_message_due_idx`; retries end within two days, so such a message will
 * never leave). A message being sent is left alone. Returns how many were deleted.
 */
export async function deleteMailMessagesDoneBefore(db: DbOrTx, beforeIso: string): Promise<number> {
	const sent = await db.deleteFrom('mail_message').where('status', '=', 'sent').where('sent_at', '<', beforeIso).executeTakeFirst();
	const unsent = await db
		.deleteFrom('mail_message')
		.where('status', 'in', ['failed', 'pending', 'preparing'])
		.where('next_attempt_at', '<', beforeIso)
		.executeTakeFirst();
	return Number(sent.numDeletedRows) + Number(unsent.numDeletedRows);
}

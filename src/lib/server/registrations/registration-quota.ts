/**
 * Capacity is a guarantee: never more confirmed seats than places, under any concurrency, on both
 * databases. The rule, after pretix: in ONE transaction at READ COMMITTED, lock every quota the
 * change counts (the event's capacity, each session's seats) once, in a fixed order (the event,
 * then sessions by id), before counting; then recount, then write. Everything here runs inside
 * such a transaction; the callers (services) open it with `inQuotaTransaction`.
 *
 * - SQLite: the first statement is a write on the event's settings row, which takes the database's
 *   single write lock; every other writer, in this process or another, waits for the commit.
 * - PostgreSQL: the same UPDATE row-locks the event's settings when the event has a capacity;
 *   when it has none, registrations only take a shared lock on it (they run side by side, and an
 *   organiser who sets a capacity waits for them); then `SELECT … FOR UPDATE` on the sessions.
 *
 * A free seat with people waiting is always given to the first of them before anyone new: every
 * locked count "heals" its quota first, so a capacity raised elsewhere (the programme's screens)
 * is honoured at the next registration even if nobody called `fillSession`.
 */
import type { Db, DbOrTx, Tx } from '../db/index.ts';
import {
	confirmSeatRows,
	countConfirmedRegistrations,
	countSeats,
	listEventWaiters,
	listSessionWaiters,
	lockEventQuota,
	shareLockEventSettings,
	updateRegistrationRow,
	hasRowLocks
} from './registration.queries.ts';

/** Thrown inside a quota transaction to start it again (the lock taken was not the right one). */
export class RetryTransaction extends Error {
	constructor(why: string) {
		super(why);
		this.name = 'RetryTransaction';
	}
}

function isRetryable(e: unknown): boolean {
	if (e instanceof RetryTransaction) return true;
	const code = (e as { code?: string })?.code;
	// PostgreSQL: deadlock detected, serialization failure. SQLite: the busy timeout ran out.
	return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

/**
 * Runs `fn` in a transaction (the caller's, if it already is one) and retries it, up to 4 times
 * with a short random pause, when the database asks to (deadlock, busy) or `fn` throws
 * RetryTransaction. `fn` must be safe to run again: it only touches the database. It receives the
 * attempt number (a retry may choose stronger locks).
 */
export async function inQuotaTransaction<T>(db: DbOrTx, fn: (tx: Tx, attempt: number) => Promise<T>): Promise<T> {
	if (db.isTransaction) return fn(db as Tx, 1);
	await gate.enter();
	try {
		for (let attempt = 1; ; attempt++) {
			try {
				return await (db as Db).transaction().execute((tx) => fn(tx, attempt));
			} catch (e) {
				if (attempt >= 4 || !isRetryable(e)) throw e;
				await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
			}
		}
	} finally {
		gate.leave();
	}
}

/**
 * At most a few quota transactions at a time in this process. Why: a transaction holds its locks
 * across awaits, and in a rush each await waits behind the other requests' work in the event
 * loop; with a hundred transactions open at once, the one holding the event's lock advances a
 * statement at a time behind all of them, and everyone waits for it. The others queue here,
 * holding neither a lock nor a database connection, and the holder runs at full speed.
 * (Process-wide by nature: it shares the process's event loop and connection pool.)
 */
function createGate(size: number) {
	let active = 0;
	const waiting: (() => void)[] = [];
	return {
		enter(): Promise<void> {
			if (active < size) {
				active++;
				return Promise.resolve();
			}
			return new Promise((resolve) => waiting.push(resolve));
		},
		leave(): void {
			const next = waiting.shift();
			if (next) next();
			else active--;
		}
	};
}
const gate = createGate(3);

export interface EventQuota {
	capacity: number | null;
	waitlistEnabled: boolean;
	/** Whether this transaction holds the exclusive lock (it may count the event's capacity). */
	exclusive: boolean;
}

/**
 * Takes the event's quota lock: exclusive when `countsCapacity` (or always on SQLite), else shared.
 * `expectedCapacity` is what the caller read before the transaction: if a shared lock finds that a
 * capacity appeared meanwhile, the transaction is retried with the exclusive lock.
 */
export async function lockEvent(tx: Tx, eventId: string, options: { exclusive: boolean }): Promise<EventQuota> {
	if (options.exclusive || !hasRowLocks(tx)) {
		const row = await lockEventQuota(tx, eventId);
		if (!row) throw new Error(`registration settings of event ${eventId} are missing`);
		return {
			capacity: row.capacity === null ? null : Number(row.capacity),
			waitlistEnabled: Number(row.waitlist_enabled) === 1,
			exclusive: true
		};
	}
	const row = await shareLockEventSettings(tx, eventId);
	if (!row) throw new Error(`registration settings of event ${eventId} are missing`);
	if (row.capacity !== null) throw new RetryTransaction('the event got a capacity: lock it exclusively');
	return { capacity: null, waitlistEnabled: false, exclusive: false };
}

export interface SessionQuota {
	id: string;
	capacity: number | null;
	requiresRegistration: boolean;
}

/** What a healing or a release gave to people who were waiting, to tell them by e-mail. */
export interface Promotion {
	registrationId: string;
	/** Session ids whose seat they got; `event` when they got a place at the event itself. */
	sessions: string[];
	event: boolean;
}

export function mergePromotions(list: Promotion[]): Promotion[] {
	const by = new Map<string, Promotion>();
	for (const p of list) {
		const cur = by.get(p.registrationId) ?? { registrationId: p.registrationId, sessions: [], event: false };
		cur.sessions.push(...p.sessions.filter((s) => !cur.sessions.includes(s)));
		cur.event ||= p.event;
		by.set(p.registrationId, cur);
	}
	return [...by.values()];
}

/**
 * Gives the session's free seats to the first people waiting (whose registration is confirmed).
 * Call it with the session locked. Returns who got a seat.
 */
export async function fillSession(tx: Tx, session: SessionQuota): Promise<Promotion[]> {
	const counts = (await countSeats(tx, [session.id])).get(session.id)!;
	if (counts.waitlisted === 0) return [];
	const free = session.capacity === null ? counts.waitlisted : session.capacity - counts.confirmed;
	if (free <= 0) return [];
	const waiters = await listSessionWaiters(tx, session.id, free);
	await confirmSeatRows(
		tx,
		session.id,
		waiters.map((w) => w.registration_id)
	);
	return waiters.map((w) => ({ registrationId: w.registration_id, sessions: [session.id], event: false }));
}

/**
 * Gives the event's free places to the first registrations on its waiting list. Call it with the
 * event locked exclusively. Their sessions are not filled here (the caller locks and fills them).
 */
export async function fillEvent(tx: Tx, eventId: string, quota: EventQuota, nowIso: string): Promise<Promotion[]> {
	if (quota.capacity === null && !quota.exclusive) return [];
	const confirmed = await countConfirmedRegistrations(tx, eventId);
	const free = quota.capacity === null ? 10_000 : quota.capacity - confirmed;
	if (free <= 0) return [];
	const waiters = await listEventWaiters(tx, eventId, free);
	for (const w of waiters) await updateRegistrationRow(tx, w.id, { status: 'confirmed', updated_at: nowIso });
	return waiters.map((w) => ({ registrationId: w.id, sessions: [], event: true }));
}

/**
 * The seat a newcomer gets in a locked session, given its counts (from one `countSeats` for all
 * the sessions of the change): heal it first when a seat is free while people wait, then a seat
 * if one is left. `eligible` is false for someone on the event's waiting list (they queue too).
 */
export async function seatFor(
	tx: Tx,
	session: SessionQuota,
	eligible: boolean,
	counts: { confirmed: number; waitlisted: number }
): Promise<{ status: 'confirmed' | 'waitlisted'; promotions: Promotion[] }> {
	let promotions: Promotion[] = [];
	let confirmed = counts.confirmed;
	if (counts.waitlisted > 0 && (session.capacity === null || confirmed < session.capacity)) {
		promotions = await fillSession(tx, session);
		confirmed += promotions.length;
	}
	const free = session.capacity === null || confirmed < session.capacity;
	return { status: eligible && free ? 'confirmed' : 'waitlisted', promotions };
}

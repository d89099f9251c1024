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
	updateRegistrationRow,
	hasRowLocks
} from './registration.queries.ts';
import { lockEventQuota, shareLockEventSettings } from './registration-event.queries.ts';

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
				// A change refused alone (see ChangeRefused): its transaction is rolled back, its reason answered.
				if (e instanceof ChangeRefused) throw e.reason;
				if (attempt >= 4 || !isRetryable(e)) throw e;
				await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
			}
		}
	} finally {
		gate.leave();
	}
}

/**
 * A change whose own outcome is a refusal that must not undo the others of its batch (the event
 * is full): `inQuotaBatch` keeps the batch's transaction and answers this change with the error.
 * Such an error must be thrown before the change writes anything it would not want kept.
 */
export class ChangeRefused extends Error {
	readonly reason: unknown;
	constructor(reason: unknown) {
		super('change refused');
		this.name = 'ChangeRefused';
		this.reason = reason;
	}
}

interface Queued {
	fn: (tx: Tx, attempt: number) => Promise<unknown>;
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

/**
 * The most changes one transaction carries. Measured with `npm run bench:registration` (SQLite and
 * PostgreSQL, 100 connections): 64 registered 5 to 40 % more a second than 32.
 */
const MAX_BATCH = 64;
interface BatchQueue {
	items: Queued[];
	running: boolean;
	/** Set while the queue waits for its next batch: starts it now. */
	startNow: (() => void) | null;
}
const queues = new WeakMap<object, Map<string, BatchQueue>>();

/**
 * Like inQuotaTransaction, for many small changes to one quota (`key`: an event's id) arriving
 * at once, as in a registration rush: the changes that wait while one transaction runs go
 * together into the next, one after the other, each with its own locks, count and writes, and
 * ONE commit. Why: a change holds the event's lock until its commit, and on PostgreSQL a commit
 * waits for the disk (a few milliseconds); one commit per change capped a rush at about 180
 * registrations a second, whatever the server's speed. Order is kept (first come, first
 * counted), and so is every guarantee: each change decides on the counts taken under the lock
 * plus what the previous ones of its batch wrote (see countQuotasOnce). A change that throws ChangeRefused is answered with its reason and the
 * batch goes on; any other failure ends the batch's transaction (nothing of it is kept) and each
 * of its changes runs again alone, so that only the faulty one fails. A batch starts one turn of
 * the event loop after its first change arrives, so that the requests read in that turn join it,
 * or at once when MAX_BATCH changes wait (see turnOrFull).
 */
export function inQuotaBatch<T>(db: DbOrTx, key: string, fn: (tx: Tx, attempt: number) => Promise<T>): Promise<T> {
	if (db.isTransaction)
		return fn(db as Tx, 1).catch((e: unknown) => {
			throw e instanceof ChangeRefused ? e.reason : e;
		});
	let byKey = queues.get(db);
	if (!byKey) queues.set(db, (byKey = new Map()));
	let queue = byKey.get(key);
	if (!queue) byKey.set(key, (queue = { items: [], running: false, startNow: null }));
	const q = queue;
	const map = byKey;
	return new Promise<T>((resolve, reject) => {
		q.items.push({ fn, resolve: resolve as (v: unknown) => void, reject });
		waitingNow++;
		if (q.running) {
			// A full batch waits: it need not wait for the end of the turn.
			if (q.items.length >= MAX_BATCH) q.startNow?.();
			return;
		}
		q.running = true;
		void (async () => {
			try {
				do {
					if (q.items.length < MAX_BATCH) await turnOrFull(q);
					if (q.items.length >= RUSH_BATCH) lastRushBatchAt = performance.now();
					const batch = q.items.splice(0, MAX_BATCH);
					waitingNow -= batch.length;
					await runBatch(db as Db, batch);
				} while (q.items.length);
			} finally {
				q.running = false;
				if (!q.items.length) map.delete(key);
			}
		})();
	});
}

/**
 * Resolves at the next turn of the event loop, or as soon as a full batch waits (`q.startNow()`).
 * Why a turn: on SQLite a transaction never yields to the event loop, so without it the requests
 * read meanwhile could never join a batch. Why not always the whole turn: a turn first reads every
 * request that has arrived, and when more than a batch's worth came at once (the first moment of a
 * rush), those read first would wait for all the others to be read, and those beyond the batch for
 * the next turn, behind the requests it reads first.
 */
function turnOrFull(q: BatchQueue): Promise<void> {
	return new Promise((resolve) => {
		const turn = setImmediate(() => {
			q.startNow = null;
			resolve();
		});
		q.startNow = () => {
			clearImmediate(turn);
			q.startNow = null;
			resolve();
		};
	});
}

/**
 * A batch this large means people are waiting for each other: more arrive than one at a time can
 * answer (at 200 registrations a second, evenly, batches hold one or two).
 */
const RUSH_BATCH = 8;
const RUSH_LINGER_MS = 250;
let lastRushBatchAt = -Infinity;

/** Changes waiting for their batch in this process, all queues together. */
let waitingNow = 0;

/**
 * Whether this process is in a registration rush: RUSH_BATCH changes or more wait for their batch,
 * or a batch that large started in the last RUSH_LINGER_MS. Work that can wait (writing
 * confirmations) waits for it to pass, so that the people registering are answered first.
 */
export function registrationRushOn(): boolean {
	return performance.now() - lastRushBatchAt < RUSH_LINGER_MS || waitingNow >= RUSH_BATCH;
}

async function runBatch(db: Db, items: Queued[]): Promise<void> {
	let outcomes: { ok: boolean; value: unknown }[];
	try {
		outcomes = await inQuotaTransaction(db, async (tx, attempt) => {
			const done: { ok: boolean; value: unknown }[] = [];
			startBatchState(tx);
			for (const item of items) {
				try {
					done.push({ ok: true, value: await item.fn(tx, attempt) });
				} catch (e) {
					if (!(e instanceof ChangeRefused)) throw e;
					done.push({ ok: false, value: e.reason });
				}
			}
			await flushDeferred(tx);
			return done;
		});
	} catch (e) {
		if (items.length === 1) return items[0].reject(e);
		// One change failed the whole transaction: each runs again alone, in order.
		for (const item of items)
			await inQuotaTransaction(db, item.fn).then(
				(value) => item.resolve(value),
				(error: unknown) => item.reject(error instanceof ChangeRefused ? error.reason : error)
			);
		return;
	}
	outcomes.forEach((o, i) => (o.ok ? items[i].resolve(o.value) : items[i].reject(o.value)));
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

type DeferredWrite<T> = (tx: Tx, items: T[]) => Promise<void>;

/**
 * What the registrations of one batch (one transaction, see inQuotaBatch) share: the event's and
 * sessions' locks, taken by the first that needs them (they hold until the commit, and nothing in
 * a registration changes a capacity); the counts, carried from one to the next; and the rows
 * kept to be written together before the commit. Outside a batch there is none of it.
 */
interface BatchState {
	events: Map<string, EventQuota>;
	sessions: Map<string, unknown>;
	eventConfirmed?: number;
	seatCounts: Map<string, { confirmed: number; waitlisted: number }>;
	deferred: Map<DeferredWrite<never>, unknown[]>;
}
const batches = new WeakMap<Tx, BatchState>();

function startBatchState(tx: Tx): void {
	batches.set(tx, { events: new Map(), sessions: new Map(), seatCounts: new Map(), deferred: new Map() });
}

type Counts = { eventConfirmed: number; seats: Map<string, { confirmed: number; waitlisted: number }> };

/**
 * The counts a registration decides on. In a batch's transaction, the first registration counts
 * under the locks (the recount of the rule) and the next ones start from those counts plus what
 * the batch itself wrote (`recordCounted`): the locks are held all along, so nobody else changed
 * them, and each registration's decision is exactly what a recount would give, without scanning
 * the event's registrations again. A seat healed (people promoted) is counted again.
 */
export async function countQuotasOnce(
	tx: Tx,
	eventId: string | null,
	sessionIds: string[],
	count: (tx: Tx, eventId: string | null, sessionIds: string[]) => Promise<Counts>,
	alongWith: string[] = []
): Promise<Counts> {
	const h = batches.get(tx);
	if (!h) return count(tx, eventId, sessionIds);
	const countEvent = eventId !== null && h.eventConfirmed === undefined;
	const missing = sessionIds.filter((id) => !h.seatCounts.has(id));
	if (countEvent || missing.length) {
		await flushDeferred(tx);
		// The sessions the batch's next registrations may ask for are counted in the same query:
		// only those this batch holds locked (a count is only good under its lock).
		const also = missing.length ? alongWith.filter((id) => h.sessions.has(id) && !h.seatCounts.has(id) && !missing.includes(id)) : [];
		const fresh = await count(tx, countEvent ? eventId : null, [...missing, ...also]);
		if (countEvent) h.eventConfirmed = fresh.eventConfirmed;
		for (const [id, c] of fresh.seats) h.seatCounts.set(id, { ...c });
	}
	return {
		eventConfirmed: h.eventConfirmed ?? 0,
		seats: new Map(sessionIds.map((id) => [id, { ...h.seatCounts.get(id)! }]))
	};
}

/**
 * In a batch's transaction, keeps `item` to be written with the batch's others by one call of
 * `write`, just before the commit (one statement for the whole batch instead of one each), and
 * answers true; elsewhere answers false and the caller writes now. Only for rows nothing else
 * in the transaction reads or refers to before the commit (the counts are carried by
 * recordCounted); if the write fails, the whole batch fails and each change runs again alone.
 */
export function deferUntilCommit<T>(tx: Tx, write: DeferredWrite<T>, item: T): boolean {
	const h = batches.get(tx);
	if (!h) return false;
	const list = h.deferred.get(write as DeferredWrite<never>) ?? [];
	list.push(item);
	h.deferred.set(write as DeferredWrite<never>, list);
	return true;
}

/** Writes what was deferred in this transaction now: before anything reads or counts those tables. */
async function flushDeferred(tx: Tx): Promise<void> {
	const h = batches.get(tx);
	if (!h || h.deferred.size === 0) return;
	const deferred = h.deferred;
	h.deferred = new Map();
	for (const [write, list] of deferred) await write(tx, list as never[]);
}

/** What a registration of a batch wrote, added to the counts the next ones start from. */
export function recordCounted(
	tx: Tx,
	written: { status: 'confirmed' | 'waitlisted'; seats: { session_id: string; status: string }[]; promotions: Promotion[] }
): void {
	const h = batches.get(tx);
	if (!h) return;
	if (h.eventConfirmed !== undefined && written.status === 'confirmed') h.eventConfirmed++;
	for (const seat of written.seats) {
		const c = h.seatCounts.get(seat.session_id);
		if (c && seat.status === 'confirmed') c.confirmed++;
		else if (c) c.waitlisted++;
	}
	for (const p of written.promotions) {
		for (const id of p.sessions) h.seatCounts.delete(id);
		if (p.event) h.eventConfirmed = undefined;
	}
}

/** lockEvent, once per batch (a stronger lock asked later is still taken). */
export async function lockEventOnce(tx: Tx, eventId: string, options: { exclusive: boolean }): Promise<EventQuota> {
	const h = batches.get(tx);
	const known = h?.events.get(eventId);
	if (known && (known.exclusive || !options.exclusive)) return known;
	const quota = await lockEvent(tx, eventId, options);
	h?.events.set(eventId, quota);
	return quota;
}

/**
 * `lock(ids)` for the sessions this batch has not locked yet; every asked row, in the order asked.
 * When it must lock, it locks `alongWith` too (the event's other bookable sessions): on
 * PostgreSQL each lock is a round trip made while holding the event's lock, and the batch's next
 * registrations then find theirs taken. No one waits longer for it: every registration of the
 * event waits for the event's lock first.
 */
export async function lockSessionsOnce<R extends { id: string }>(
	tx: Tx,
	ids: string[],
	lock: (tx: Tx, ids: string[]) => Promise<R[]>,
	alongWith: string[] = []
): Promise<R[]> {
	const h = batches.get(tx);
	if (!h) return lock(tx, ids);
	const missing = ids.filter((id) => !h.sessions.has(id));
	const also = missing.length ? alongWith.filter((id) => !h.sessions.has(id) && !missing.includes(id)) : [];
	if (missing.length) for (const row of await lock(tx, [...missing, ...also])) h.sessions.set(row.id, row);
	return ids.flatMap((id) => (h.sessions.has(id) ? [h.sessions.get(id) as R] : []));
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
	await flushDeferred(tx);
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
	await flushDeferred(tx);
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

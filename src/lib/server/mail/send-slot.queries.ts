/**
 * The send throttle's leases, shared by every worker of one database: `count` slots (the rate per
 * window), each taken for one send and free again once the window has passed. At most `count`
 * sends start in any window, whatever the number of workers or processes; a worker that dies
 * holding a slot loses nothing: the slot frees itself at the end of its window.
 */
import { sql } from 'kysely';
import type { Db, DbOrTx, Dialect } from '../db/index.ts';

/** Makes sure slots 0 … count−1 exist (the first worker with a higher rate adds the missing ones). */
export async function ensureSendSlots(db: DbOrTx, count: number): Promise<void> {
	const have = await db
		.selectFrom('mail_send_slot')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('slot', '<', count)
		.executeTakeFirstOrThrow();
	if (Number(have.n) >= count) return;
	const rows = Array.from({ length: count }, (_, slot) => ({ slot, free_at: 0 }));
	for (let i = 0; i < rows.length; i += 500)
		await db
			.insertInto('mail_send_slot')
			.values(rows.slice(i, i + 500))
			.onConflict((oc) => oc.column('slot').doNothing())
			.execute();
}

/**
 * Takes one of the first `count` slots that is free at `nowMs` and holds it until `untilMs`, in
 * one statement; answers its number, or null when all are taken. PostgreSQL: the subselect locks
 * the row it picks (`FOR UPDATE SKIP LOCKED`) and the outer WHERE is checked again on the row's
 * latest version, so two workers never take the same slot; SQLite: the single writer makes the
 * UPDATE atomic.
 */
export async function claimSendSlot(db: Db, dialect: Dialect, count: number, nowMs: number, untilMs: number): Promise<number | null> {
	const row = await db
		.updateTable('mail_send_slot')
		.set({ free_at: untilMs })
		.where('slot', '=', (eb) =>
			eb
				.selectFrom('mail_send_slot')
				.select('slot')
				.where('slot', '<', count)
				.where('free_at', '<=', nowMs)
				.orderBy('free_at')
				.limit(1)
				.$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
		)
		.where('free_at', '<=', nowMs)
		.returning('slot')
		.executeTakeFirst();
	return row ? Number(row.slot) : null;
}

/** When the first of the first `count` slots frees itself (milliseconds since the epoch). */
export async function nextSendSlotFreeAt(db: DbOrTx, count: number): Promise<number> {
	const row = await db
		.selectFrom('mail_send_slot')
		.select(sql<string | number>`min(free_at)`.as('at'))
		.where('slot', '<', count)
		.executeTakeFirst();
	return Number(row?.at ?? 0);
}

/** Gives back a slot taken for a send that did not happen (no message was due). */
export async function releaseSendSlot(db: DbOrTx, slot: number, heldUntilMs: number): Promise<void> {
	await db.updateTable('mail_send_slot').set({ free_at: 0 }).where('slot', '=', slot).where('free_at', '=', heldUntilMs).execute();
}

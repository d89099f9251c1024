// inQuotaBatch: changes that arrive together, or wait while a transaction runs, share one, in order; a
// refused change is answered alone, a failing one sends each change of its batch to run alone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import type { Tx } from '../db/index.ts';
import { ChangeRefused, countQuotasOnce, inQuotaBatch, lockSessionsOnce, registrationRushOn } from './registration-quota.ts';

describe.each(DIALECTS)('inQuotaBatch on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		await sql`create table batch_probe (id varchar(40) primary key, n integer not null)`.execute(t.db);
	});
	afterAll(async () => {
		await t.close();
	});
	const probe = async () => (await sql<{ id: string }>`select id from batch_probe order by n`.execute(t.db)).rows.map((r) => r.id);
	const insert = (tx: Tx, id: string, n: number) => sql`insert into batch_probe (id, n) values (${id}, ${n})`.execute(tx);

	it('test_changes_waiting_together_share_one_transaction_in_arrival_order', async () => {
		await sql`delete from batch_probe`.execute(t.db);
		const txs: Tx[] = [];
		const seen: number[][] = [];
		const late: Promise<number>[] = [];
		const change = (i: number): Promise<number> =>
			inQuotaBatch(t.db, 'event-a', async (tx) => {
				txs[i] = tx;
				// Two more arrive while the first transaction runs: they wait for the next one.
				if (i === 0) late.push(change(5), change(6));
				await insert(tx, `a${i}`, i);
				// What this change counts: its own row and those of the changes before it.
				seen[i] = (await sql<{ n: number }>`select n from batch_probe order by n`.execute(tx)).rows.map((r) => Number(r.n));
				return i;
			});
		const results = await Promise.all([0, 1, 2, 3, 4].map(change));
		expect(results).toEqual([0, 1, 2, 3, 4]);
		expect(await Promise.all(late)).toEqual([5, 6]);
		// The five that came in the same turn of the event loop went together; the two that came
		// during their transaction, together in the next.
		expect(new Set(txs.slice(0, 5)).size).toBe(1);
		expect(txs[5]).not.toBe(txs[0]);
		expect(txs[6]).toBe(txs[5]);
		expect(seen[4]).toEqual([0, 1, 2, 3, 4]);
		expect(seen[2]).toEqual([0, 1, 2]);
		expect(seen[6]).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(await probe()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
	});

	it('test_changes_arriving_in_separate_callbacks_of_one_turn_share_a_transaction', async () => {
		// As requests do: each is read by its own callback of the same turn (here five immediates,
		// which one turn runs together), and on SQLite a transaction started at once would run to
		// its commit before the next callback.
		await sql`delete from batch_probe`.execute(t.db);
		const txs: Tx[] = [];
		const results = await Promise.all(
			[0, 1, 2, 3, 4].map(
				(i) =>
					new Promise<number>((resolve, reject) =>
						setImmediate(() =>
							inQuotaBatch(t.db, 'event-d', async (tx) => {
								txs[i] = tx;
								await insert(tx, `d${i}`, i);
								return i;
							}).then(resolve, reject)
						)
					)
			)
		);
		expect(results).toEqual([0, 1, 2, 3, 4]);
		expect(new Set(txs).size).toBe(1);
		expect(await probe()).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
	});

	it('test_a_refused_change_is_answered_alone_and_the_batch_is_kept', async () => {
		await sql`delete from batch_probe`.execute(t.db);
		const full = new Error('complet');
		const results = await Promise.allSettled(
			[0, 1, 2, 3].map((i) =>
				inQuotaBatch(t.db, 'event-b', async (tx) => {
					if (i === 2) throw new ChangeRefused(full);
					await insert(tx, `b${i}`, i);
					return i;
				})
			)
		);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
		expect((results[2] as PromiseRejectedResult).reason).toBe(full);
		expect(await probe()).toEqual(['b0', 'b1', 'b3']);
	});

	it('test_a_failing_change_sends_each_change_of_its_batch_to_run_alone', async () => {
		await sql`delete from batch_probe`.execute(t.db);
		const runs: string[] = [];
		const results = await Promise.allSettled(
			[0, 1, 2, 3].map((i) =>
				inQuotaBatch(t.db, 'event-c', async (tx) => {
					runs.push(`c${i}`);
					// A database error: on PostgreSQL it aborts the whole transaction.
					if (i === 2) await insert(tx, 'c1', 99);
					else await insert(tx, `c${i}`, i);
					return i;
				})
			)
		);
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
		expect(await probe()).toEqual(['c0', 'c1', 'c3']);
		// All four together, which stopped at c2; then each again, alone, in order.
		expect(runs).toEqual(['c0', 'c1', 'c2', 'c0', 'c1', 'c2', 'c3']);
	});

	it('test_the_first_of_a_batch_locks_and_counts_the_sessions_the_next_ones_may_ask_for', async () => {
		const locked: string[][] = [];
		const counted: string[][] = [];
		const lock = async (_tx: Tx, ids: string[]) => {
			locked.push([...ids]);
			return ids.map((id) => ({ id }));
		};
		const count = async (_tx: Tx, _event: string | null, ids: string[]) => {
			counted.push([...ids]);
			return { eventConfirmed: 0, seats: new Map(ids.map((id) => [id, { confirmed: 1, waitlisted: 0 }])) };
		};
		const bookable = ['s1', 's2', 's3'];
		const asks = [['s1'], ['s2'], ['s3', 's1']];
		const seen = await Promise.all(
			asks.map((ids) =>
				inQuotaBatch(t.db, 'event-e', async (tx) => {
					const rows = await lockSessionsOnce(tx, ids, lock, bookable);
					// 'elsewhere' is not locked by this batch: never counted along.
					const counts = await countQuotasOnce(tx, null, ids, count, [...bookable, 'elsewhere']);
					return [rows.map((r) => r.id), [...counts.seats.keys()]];
				})
			)
		);
		expect(seen).toEqual(asks.map((ids) => [ids, ids]));
		expect(locked).toEqual([['s1', 's2', 's3']]);
		expect(counted).toEqual([['s1', 's2', 's3']]);
	});

	it('test_a_full_batch_starts_without_waiting_for_the_end_of_the_turn_and_the_rest_follow', async () => {
		// A callback for the next turn, then 64 changes (a full batch) and six more, queued at once.
		await sql`delete from batch_probe`.execute(t.db);
		const order: string[] = [];
		setImmediate(() => order.push('turn'));
		const txs: Tx[] = [];
		const all = Array.from({ length: 70 }, (_, i) =>
			inQuotaBatch(t.db, 'event-f', async (tx) => {
				txs[i] = tx;
				if (!order.includes('batch')) order.push('batch');
				await insert(tx, `f${i}`, i);
				return i;
			})
		);
		expect(await Promise.all(all)).toEqual(Array.from({ length: 70 }, (_, i) => i));
		expect(new Set(txs.slice(0, 64)).size).toBe(1);
		expect(new Set(txs.slice(64)).size).toBe(1);
		expect(txs[64]).not.toBe(txs[0]);
		// On SQLite a transaction runs to its commit without yielding: the full batch started (and
		// was done) before the callback queued first. (On PostgreSQL it waits for the server.)
		if (dialect === 'sqlite') expect(order).toEqual(['batch', 'turn']);
		expect((await probe()).length).toBe(70);
	});

	it('test_a_rush_is_on_while_many_changes_wait_and_a_moment_after_a_large_batch', async () => {
		await sql`delete from batch_probe`.execute(t.db);
		// The tests above ran large batches: their rush passes first.
		await new Promise((r) => setTimeout(r, 300));
		expect(registrationRushOn()).toBe(false);
		// Alone, as at 200 registrations a second: no rush.
		await inQuotaBatch(t.db, 'event-g', (tx) => insert(tx, 'g-alone', 0));
		expect(registrationRushOn()).toBe(false);
		// The clock of the rush stands still while the batch runs, however long a loaded machine
		// takes: the linger is measured, not the machine.
		vi.useFakeTimers({ toFake: ['performance'] });
		try {
			const twelve = Array.from({ length: 12 }, (_, i) => inQuotaBatch(t.db, 'event-g', (tx) => insert(tx, `g${i}`, i + 1)));
			expect(registrationRushOn()).toBe(true);
			await Promise.all(twelve);
			// Answered, but a rush lingers a quarter of a second after its last large batch.
			expect(registrationRushOn()).toBe(true);
			vi.advanceTimersByTime(200);
			expect(registrationRushOn()).toBe(true);
			vi.advanceTimersByTime(100);
			expect(registrationRushOn()).toBe(false);
		} finally {
			vi.useRealTimers();
		}
	});
});

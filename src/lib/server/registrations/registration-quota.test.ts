// inQuotaBatch: changes that wait while a transaction runs share the next one, in order; a
// refused change is answered alone, a failing one sends each change of its batch to run alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import type { Tx } from '../db/index.ts';
import { ChangeRefused, inQuotaBatch } from './registration-quota.ts';

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
		const change = (i: number) =>
			inQuotaBatch(t.db, 'event-a', async (tx) => {
				txs[i] = tx;
				await insert(tx, `a${i}`, i);
				// What this change counts: its own row and those of the changes before it.
				seen[i] = (await sql<{ n: number }>`select n from batch_probe order by n`.execute(tx)).rows.map((r) => Number(r.n));
				return i;
			});
		const results = await Promise.all([0, 1, 2, 3, 4].map(change));
		expect(results).toEqual([0, 1, 2, 3, 4]);
		// The first ran at once, alone; the four that queued meanwhile went together.
		expect(txs[1]).not.toBe(txs[0]);
		expect(new Set(txs.slice(1)).size).toBe(1);
		expect(seen[4]).toEqual([0, 1, 2, 3, 4]);
		expect(seen[2]).toEqual([0, 1, 2]);
		expect(await probe()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
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
		// c0 alone; c1…c3 together, which stopped at c2; then c1, c2, c3 again, each alone.
		expect(runs).toEqual(['c0', 'c1', 'c2', 'c1', 'c2', 'c3']);
	});
});

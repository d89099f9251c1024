import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, openTestDb } from '../../../../tests/helpers/db.ts';
import { migrateToLatest } from './migrate.ts';

describe.each(DIALECTS)('database on %s', (dialect) => {
	it('test_migrate_twice_applies_nothing_the_second_time', async () => {
		const t = await openTestDb(dialect);
		try {
			expect(await migrateToLatest(t.db)).toEqual([]);
			const rows = await sql<{ n: number }>`select count(*) as n from event`.execute(t.db);
			expect(Number(rows.rows[0].n)).toBe(0);
		} finally {
			await t.close();
		}
	});
});

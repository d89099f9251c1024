/**
 * Test support: closes a test database without the race of `TestDb.close()` on PostgreSQL.
 * pg's `pool.end()` resolves before its sockets are closed; `close()` then drops the database
 * WITH (FORCE), which can kill a backend mid-goodbye, and the pool (created without an 'error'
 * listener by `createDb`) re-emits that as an unhandled error that fails the test run at random.
 * Waiting for the backends to leave first removes the race. Belongs in tests/helpers/db.ts.
 */
import pg from 'pg';
import { PG_ADMIN_URL, type TestDb } from '../../../../tests/helpers/db.ts';

export async function closeTestDb(t: TestDb, others: { db: { destroy(): Promise<void> } }[] = []): Promise<void> {
	await Promise.all([t, ...others].map((h) => h.db.destroy()));
	if (t.dialect === 'postgres') {
		const name = new URL(t.url).pathname.slice(1);
		const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
		await admin.connect();
		try {
			for (let i = 0; i < 250; i++) {
				const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
				if (Number(rows[0].n) === 0) break;
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		} finally {
			await admin.end();
		}
	}
	await t.close(); // destroying twice is a no-op in Kysely; this drops the PostgreSQL database
}

import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createDb, type Dialect, type DbHandle } from '#lib/server/db/index.ts';
import { migrateToLatest } from '#lib/server/db/migrate.ts';

/** Where the PostgreSQL suites create their throwaway databases. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
	try {
		await client.connect();
		await client.end();
		return true;
	} catch {
		return false;
	}
}

async function detectDialects(): Promise<Dialect[]> {
	if (await postgresReachable()) return ['sqlite', 'postgres'];
	// CI (and anyone who sets TEST_PG_URL) must run both: a missing server is a failure there.
	if (process.env.CI || process.env.TEST_PG_URL) throw new Error(`PostgreSQL is required for the tests but ${PG_ADMIN_URL} did not answer`);
	console.warn('[tests] PostgreSQL not reachable at 127.0.0.1:5432: running the SQLite suites only');
	return ['sqlite'];
}

export const DIALECTS: Dialect[] = await detectDialects();

export interface TestDb extends DbHandle {
	close(): Promise<void>;
}

/** Creates a fresh, migrated database of the given dialect; `close()` destroys it. */
export async function openTestDb(dialect: Dialect, options: { file?: string } = {}): Promise<TestDb> {
	if (dialect === 'sqlite') {
		const handle = createDb(options.file ? `file:${options.file}` : ':memory:');
		await migrateToLatest(handle.db);
		return { ...handle, close: () => handle.db.destroy() };
	}
	const { url, drop } = await createPostgresDatabase();
	const handle = createDb(url);
	await migrateToLatest(handle.db);
	return {
		...handle,
		async close() {
			await handle.db.destroy();
			await drop();
		}
	};
}

async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `maillage_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(PG_ADMIN_URL);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => dropDatabase(name) };
}

/**
 * Drops a test database once its connections are gone. pg's `pool.end()` resolves before its
 * sockets close; dropping WITH (FORCE) at that moment can kill a backend mid-goodbye.
 */
async function dropDatabase(name: string): Promise<void> {
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	try {
		for (let i = 0; i < 250; i++) {
			const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
			if (Number(rows[0].n) === 0) break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await admin.query(`drop database if exists ${name} with (force)`);
	} finally {
		await admin.end();
	}
}

/** Closes a test database and any other handles opened on it (a second "process"), then drops it. */
export async function closeTestDb(t: TestDb, others: { db: { destroy(): Promise<void> } }[] = []): Promise<void> {
	await Promise.all(others.map((h) => h.db.destroy()));
	await t.close();
}

/** A database URL for a child process (the app under test), and how to drop it afterwards. */
export async function createTestDatabaseUrl(dialect: Dialect, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
	if (dialect === 'sqlite') return { url: `file:${dir}/maillage.sqlite`, drop: async () => {} };
	return createPostgresDatabase();
}

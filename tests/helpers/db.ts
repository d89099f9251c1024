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
	const name = `maillage_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(PG_ADMIN_URL);
	url.pathname = `/${name}`;
	const handle = createDb(url.toString());
	await migrateToLatest(handle.db);
	return {
		...handle,
		async close() {
			await handle.db.destroy();
			const a = new pg.Client({ connectionString: PG_ADMIN_URL });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}

/** A database URL for a child process (the app under test), and how to drop it afterwards. */
export async function createTestDatabaseUrl(dialect: Dialect, dir: string): Promise<{ url: string; drop(): Promise<void> }> {
	if (dialect === 'sqlite') return { url: `file:${dir}/maillage.sqlite`, drop: async () => {} };
	const name = `maillage_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(PG_ADMIN_URL);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const a = new pg.Client({ connectionString: PG_ADMIN_URL });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}

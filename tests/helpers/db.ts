import pg from 'pg';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
	const { url, drop } = await createPostgresDatabase(true);
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

async function createPostgresDatabase(migrated: boolean): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `maillage_t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	try {
		const create = async () => admin.query(`create database ${name} template ${migrated ? await migratedTemplate() : 'template1'}`);
		await create().catch(async (e: unknown) => {
			// Another checkout, with other migrations, replaced the template meanwhile: make ours again.
			if ((e as { code?: string }).code !== '3D000') throw e;
			templateName = undefined;
			await create();
		});
	} finally {
		await admin.end();
	}
	return { url: databaseUrl(name), drop: () => dropDatabase(name) };
}

function databaseUrl(name: string): string {
	const url = new URL(PG_ADMIN_URL);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * The name of a PostgreSQL database holding every migration and no row, from which each test
 * database is copied (`create database … template …`): a copy takes a fraction of the time the
 * migrations take. Named after the migrations' sources, so that a changed or added migration makes a
 * new one; made once per machine (under another name, then renamed, so that a process never copies
 * a half-migrated one). The tests of the migrations themselves migrate their own databases.
 */
let templateName: Promise<string> | undefined;
function migratedTemplate(): Promise<string> {
	templateName ??= makeTemplate();
	return templateName;
}

async function makeTemplate(): Promise<string> {
	const dir = fileURLToPath(new URL('../../src/lib/server/db/migrations/', import.meta.url));
	const hash = createHash('sha256');
	for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(path.join(dir, file)));
	const name = `maillage_tpl_${hash.digest('hex').slice(0, 16)}`;
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	try {
		const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
		if (found.rowCount) return name;
		const building = `maillage_tplb_${randomBytes(6).toString('hex')}`;
		await admin.query(`create database ${building}`);
		const handle = createDb(databaseUrl(building));
		try {
			await migrateToLatest(handle.db);
		} finally {
			await handle.db.destroy();
		}
		await waitUntilUnused(admin, building);
		try {
			await admin.query(`alter database ${building} rename to ${name}`);
		} catch {
			// Another process made the same template meanwhile: theirs is as good.
			await admin.query(`drop database if exists ${building} with (force)`);
		}
		// Templates of older migrations are of no more use.
		const old = await admin.query<{ datname: string }>(
			"select datname from pg_database where (datname like 'maillage\\_tpl\\_%' and datname <> $1)",
			[name]
		);
		for (const row of old.rows) await admin.query(`drop database if exists ${row.datname}`).catch(() => {});
		return name;
	} finally {
		await admin.end();
	}
}

async function waitUntilUnused(admin: pg.Client, name: string): Promise<void> {
	for (let i = 0; i < 250; i++) {
		const { rows } = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
		if (Number(rows[0].n) === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * Drops a test database once its connections are gone. pg's `pool.end()` resolves before its
 * sockets close; dropping WITH (FORCE) at that moment can kill a backend mid-goodbye.
 */
async function dropDatabase(name: string): Promise<void> {
	const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
	await admin.connect();
	try {
		await waitUntilUnused(admin, name);
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

/**
 * A database URL for a child process (the app under test), and how to drop it afterwards: an empty
 * database, or with `migrated` a PostgreSQL one that already holds every migration (the app then
 * has none to apply at start).
 */
export async function createTestDatabaseUrl(
	dialect: Dialect,
	dir: string,
	options: { migrated?: boolean } = {}
): Promise<{ url: string; drop(): Promise<void> }> {
	if (dialect === 'sqlite') return { url: `file:${dir}/maillage.sqlite`, drop: async () => {} };
	return createPostgresDatabase(options.migrated ?? false);
}

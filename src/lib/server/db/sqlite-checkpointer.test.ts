import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from './index.ts';
import { BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES } from './sqlite-checkpointer.ts';

const autocheckpoint = async (handle: DbHandle) =>
	(await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db)).rows[0].wal_autocheckpoint;

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await check()) return true;
		await new Promise((r) => setTimeout(r, 20));
	}
	return check();
}

async function withDb(run: (handle: DbHandle, file: string) => Promise<void>) {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'maillage-ckpt-'));
	const file = path.join(dir, 'db.sqlite');
	// Short watch and idle times: the same code as the server's, seconds made milliseconds.
	const handle = createDb(`file:${file}`, { checkpoints: { watchMs: 20, busyTicks: 2, idleMs: 400 } });
	try {
		await run(handle, file);
	} finally {
		await handle.db.destroy();
		await rm(dir, { recursive: true, force: true });
	}
}

describe('SQLite checkpoints on their own thread, while writes come', () => {
	it('test_an_idle_database_runs_no_thread_and_keeps_sqlites_own_threshold', async () => {
		await withDb(async (handle) => {
			await sql`create table t (id integer primary key)`.execute(handle.db);
			await new Promise((r) => setTimeout(r, 200));
			expect(await autocheckpoint(handle)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
		});
	});

	it('test_a_run_of_writes_starts_the_thread_pages_reach_the_file_and_idleness_stops_it', async () => {
		await withDb(async (handle, file) => {
			await sql`create table blob_rows (id integer primary key, data blob)`.execute(handle.db);
			// Writes spread over several looks at the WAL: the thread starts and the app's
			// connection leaves the checkpoints to it (up to the backstop).
			const pages = 2000;
			expect(pages).toBeLessThan(BACKSTOP_PAGES);
			let written = 0;
			let sawThread = false;
			while (written < pages) {
				for (let i = 0; i < 100; i++, written++)
					await sql`insert into blob_rows (data) values (${Buffer.alloc(4000, written % 256)})`.execute(handle.db);
				await new Promise((r) => setTimeout(r, 25));
				if ((await autocheckpoint(handle)) === BACKSTOP_PAGES) sawThread = true;
			}
			expect(sawThread).toBe(true);
			// The thread copies the WAL's pages into the database file.
			expect(await until(async () => (await stat(file)).size >= pages * 4000)).toBe(true);
			const rows = await sql<{ n: number }>`select count(*) as n from blob_rows`.execute(handle.db);
			expect(Number(rows.rows[0].n)).toBe(pages);
			// No more writes: the thread stops and SQLite's own threshold is back.
			expect(await until(async () => (await autocheckpoint(handle)) === DEFAULT_AUTOCHECKPOINT_PAGES, 5000)).toBe(true);
		});
	});
});

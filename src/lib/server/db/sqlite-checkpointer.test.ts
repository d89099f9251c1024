import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDb } from './index.ts';
import { BACKSTOP_PAGES } from './sqlite-checkpointer.ts';

describe('SQLite checkpoints on their own thread', () => {
	it('test_pages_written_reach_the_database_file_without_the_app_connection_checkpointing', async () => {
		const dir = await mkdtemp(path.join(os.tmpdir(), 'maillage-ckpt-'));
		const file = path.join(dir, 'db.sqlite');
		const handle = createDb(`file:${file}`);
		try {
			await sql`create table blob_rows (id integer primary key, data blob)`.execute(handle.db);
			// About 2,000 pages: past SQLite's own threshold (1,000), far below the backstop.
			const pages = 2000;
			expect(pages).toBeLessThan(BACKSTOP_PAGES);
			for (let i = 0; i < pages; i++) await sql`insert into blob_rows (data) values (${Buffer.alloc(4000, i % 256)})`.execute(handle.db);
			const autocheckpoint = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
			expect(autocheckpoint.rows[0].wal_autocheckpoint).toBe(BACKSTOP_PAGES);
			// The rows are in the WAL; the thread copies them into the database file.
			const deadline = Date.now() + 10_000;
			let size = (await stat(file)).size;
			while (size < pages * 4000 && Date.now() < deadline) {
				await new Promise((r) => setTimeout(r, 100));
				size = (await stat(file)).size;
			}
			expect(size).toBeGreaterThanOrEqual(pages * 4000);
			const rows = await sql<{ n: number }>`select count(*) as n from blob_rows`.execute(handle.db);
			expect(Number(rows.rows[0].n)).toBe(pages);
		} finally {
			await handle.db.destroy();
			await rm(dir, { recursive: true, force: true });
		}
	});
});

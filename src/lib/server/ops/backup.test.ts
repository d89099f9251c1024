import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDatabaseUrl } from '../../../../tests/helpers/db.ts';
import { createDb } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureUser } from '../auth/user.service.ts';
import { BackupError, backupDatabase, backupToDir, databaseHasTables, readBackupKind, restoreDatabase } from './backup.service.ts';

describe.each(DIALECTS)('backups on %s', (dialect) => {
	let dir: string;
	const dbs: { url: string; drop(): Promise<void> }[] = [];
	const fresh = async () => {
		const sub = await mkdtemp(path.join(dir, 'db-'));
		const d = await createTestDatabaseUrl(dialect, sub);
		dbs.push(d);
		return d.url;
	};
	const withDb = async <T>(url: string, fn: (h: ReturnType<typeof createDb>) => Promise<T>) => {
		const h = createDb(url);
		try {
			return await fn(h);
		} finally {
			await h.db.destroy();
		}
	};

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'maillage-backup-'));
	});
	afterEach(async () => {
		for (const d of dbs.splice(0)) await d.drop();
		await rm(dir, { recursive: true, force: true });
	});

	it('test_backup_then_restore_into_an_empty_database_gives_the_same_rows', async () => {
		const source = await fresh();
		await withDb(source, async (h) => {
			await migrateToLatest(h.db);
			await ensureUser(h.db, { email: 'sauvegarde@exemple.org', name: 'Sauvegarde' });
		});
		const file = path.join(dir, dialect === 'sqlite' ? 'b.sqlite' : 'b.dump');
		await backupDatabase(source, file);
		expect(readBackupKind(file)).toBe(dialect);

		const target = await fresh();
		expect(await databaseHasTables(target)).toBe(false);
		await restoreDatabase(target, file);
		const emails = await withDb(target, (h) => h.db.selectFrom('user').select('email').execute());
		expect(emails).toEqual([{ email: 'sauvegarde@exemple.org' }]);
	});

	it('test_restore_refuses_a_non_empty_target_without_force_and_a_file_that_is_not_a_backup', async () => {
		const source = await fresh();
		await withDb(source, (h) => migrateToLatest(h.db));
		const file = path.join(dir, 'b');
		await backupDatabase(source, file);
		const target = await fresh();
		await withDb(target, async (h) => {
			await migrateToLatest(h.db);
			await ensureUser(h.db, { email: 'deja@exemple.org' });
		});

		await expect(restoreDatabase(target, file)).rejects.toThrow(
			new BackupError('la base de destination contient déjà des données : arrêtez l’application et relancez avec --force pour la remplacer')
		);
		const text = path.join(dir, 'notes.txt');
		await writeFile(text, 'ceci n’est pas une sauvegarde');
		await expect(restoreDatabase(target, text, { force: true })).rejects.toThrow(/n’est pas une sauvegarde Maillage/);
		expect(await withDb(target, (h) => h.db.selectFrom('user').select('email').execute())).toEqual([{ email: 'deja@exemple.org' }]);

		await restoreDatabase(target, file, { force: true });
		expect(await withDb(target, (h) => h.db.selectFrom('user').select('email').execute())).toEqual([]);
	});

	it('test_periodic_backup_writes_when_due_and_keeps_the_newest_copies', async () => {
		const source = await fresh();
		await withDb(source, (h) => migrateToLatest(h.db));
		const into = path.join(dir, 'sauvegardes');
		const day = 24 * 3600_000;
		const t0 = Date.parse('2026-12-01T03:00:00Z');
		for (let i = 0; i < 4; i++) {
			const res = await backupToDir(source, into, { keep: 2, everyMs: day, now: new Date(t0 + i * day) });
			expect(res.written).toBe(1);
			// The file's time is the run's, as if a day had passed.
			for (const f of await readdir(into)) await utimes(path.join(into, f), new Date(t0 + i * day), new Date(t0 + i * day));
		}
		expect((await backupToDir(source, into, { keep: 2, everyMs: day, now: new Date(t0 + 3 * day + 3600_000) })).written).toBe(0);
		const ext = dialect === 'sqlite' ? 'sqlite' : 'dump';
		expect((await readdir(into)).sort()).toEqual([`maillage-2026-12-03T03-00-00Z.${ext}`, `maillage-2026-12-04T03-00-00Z.${ext}`]);
	});
});

describe('restore across databases', () => {
	it.runIf(DIALECTS.includes('postgres'))('test_an_sqlite_backup_is_refused_by_a_postgresql_target', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'maillage-backup-'));
		const pgDb = await createTestDatabaseUrl('postgres', dir);
		try {
			const source = `file:${path.join(dir, 's.sqlite')}`;
			const h = createDb(source);
			await migrateToLatest(h.db);
			await h.db.destroy();
			await backupDatabase(source, path.join(dir, 'b.sqlite'));
			await expect(restoreDatabase(pgDb.url, path.join(dir, 'b.sqlite'))).rejects.toThrow(
				/est une sauvegarde SQLite et DATABASE_URL désigne une base PostgreSQL/
			);
			expect(await databaseHasTables(pgDb.url)).toBe(false);
		} finally {
			await pgDb.drop();
			await rm(dir, { recursive: true, force: true });
		}
	});
});

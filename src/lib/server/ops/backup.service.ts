/**
 * Backups of the whole database, and their restoration. SQLite: SQLite's online backup API
 * (better-sqlite3's `backup`), a consistent copy page by page while the server keeps writing.
 * PostgreSQL: `pg_dump -Fc` (custom format, one consistent snapshot) and `pg_restore`. Every check
 * (is it a backup, of which database, is the target empty) is made before anything is written.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Dialect } from '../db/index.ts';

/** A refusal the operator can act on: one French line, nothing was changed. */
export class BackupError extends Error {
	override name = 'BackupError';
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const PG_CUSTOM_MAGIC = 'PGDMP';

export function dialectOfUrl(url: string): Dialect {
	return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** A PostgreSQL client; `pg` is loaded only when a PostgreSQL database is backed up or restored. */
async function pgClient(url: string) {
	const { default: pg } = await import('pg');
	return new pg.Client({ connectionString: url });
}

function sqlitePath(url: string): string {
	return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

/** The extension of a backup of `dialect`: `.sqlite` (a database file) or `.dump` (pg_dump's custom format). */
export function backupExtension(dialect: Dialect): string {
	return dialect === 'sqlite' ? '.sqlite' : '.dump';
}

/** `maillage-2026-12-05T12-30-00Z.sqlite`: sorts by time. */
export function backupFileName(dialect: Dialect, now = new Date()): string {
	return `maillage-${now
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replaceAll(':', '-')}${backupExtension(dialect)}`;
}

/** The connection string without its password, and the password for PGPASSWORD (not shown by `ps`). */
function pgTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
	const u = new URL(url);
	const password = decodeURIComponent(u.password);
	u.password = '';
	return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c));
		child.stderr.on('data', (c: Buffer) => (stderr += c));
		child.once('error', (e: NodeJS.ErrnoException) =>
			reject(
				e.code === 'ENOENT'
					? new BackupError(`${command} est introuvable : installez le client PostgreSQL (apt-get install postgresql-client)`)
					: e
			)
		);
		child.once('close', (code) => resolve({ code, stdout, stderr }));
	});
}

const firstLine = (text: string) => text.trim().split('\n')[0] ?? '';

/**
 * Writes a backup of the database at `url` to `outFile` (through `outFile.partial`, renamed once
 * complete, so that a file with the final name is always whole). Safe while the app runs.
 */
export async function backupDatabase(url: string, outFile: string): Promise<{ file: string; bytes: number }> {
	const partial = `${outFile}.partial`;
	await mkdir(path.dirname(path.resolve(outFile)), { recursive: true });
	try {
		if (dialectOfUrl(url) === 'sqlite') {
			const source = sqlitePath(url);
			if (source === ':memory:' || !existsSync(source)) throw new BackupError(`la base SQLite « ${source} » n’existe pas`);
			const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
			try {
				// All pages in one step: SQLite starts a backup over when another process writes between
				// two steps, which a rush would do forever. One step is one read transaction (WAL: writers
				// go on); it holds this process for the copy (tens of ms for tens of MB).
				await db.backup(partial, { progress: () => 0x7fffffff });
			} finally {
				db.close();
			}
			// One self-contained file (the copy inherits WAL mode, which would add -wal and -shm files).
			const copy = new BetterSqlite3(partial);
			copy.pragma('journal_mode = DELETE');
			copy.close();
		} else {
			const target = pgTarget(url);
			const res = await run(
				'pg_dump',
				['--format=custom', '--no-owner', '--no-acl', '--file', partial, '--dbname', target.url],
				target.env
			);
			if (res.code !== 0) throw new BackupError(`pg_dump a échoué : ${firstLine(res.stderr)}`);
		}
		renameSync(partial, outFile);
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
	return { file: outFile, bytes: (await stat(outFile)).size };
}

/** Which database a backup file comes from, read from its first bytes; null when it is neither. */
export function readBackupKind(file: string): Dialect | null {
	const fd = openSync(file, 'r');
	try {
		const head = Buffer.alloc(16);
		const n = readSync(fd, head, 0, 16, 0);
		const text = head.subarray(0, n).toString('latin1');
		if (text === SQLITE_MAGIC) return 'sqlite';
		if (text.startsWith(PG_CUSTOM_MAGIC)) return 'postgres';
		return null;
	} finally {
		closeSync(fd);
	}
}

const NOT_A_BACKUP = (file: string) => `« ${file} » n’est pas une sauvegarde Maillage (ni une base SQLite, ni un fichier de pg_dump -Fc)`;
const DIALECT_NAME: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Throws a BackupError unless `file` is a Maillage backup restorable into a `target` database. */
async function checkBackupFile(file: string, target: Dialect): Promise<void> {
	if (!existsSync(file)) throw new BackupError(`« ${file} » n’existe pas`);
	const kind = readBackupKind(file);
	if (!kind) throw new BackupError(NOT_A_BACKUP(file));
	if (kind !== target)
		throw new BackupError(
			`« ${file} » est une sauvegarde ${DIALECT_NAME[kind]} et DATABASE_URL désigne une base ${DIALECT_NAME[target]} : restaurez-la dans une base ${DIALECT_NAME[kind]}`
		);
	if (kind === 'sqlite') {
		let db: BetterSqlite3.Database | null = null;
		try {
			db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
			const ok = db.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`).get() as {
				n: number;
			};
			if (ok.n !== 1) throw new BackupError(NOT_A_BACKUP(file));
			const check = db.pragma('quick_check', { simple: true });
			if (check !== 'ok') throw new BackupError(`« ${file} » est endommagée (${String(check)})`);
		} catch (error) {
			throw error instanceof BackupError ? error : new BackupError(NOT_A_BACKUP(file));
		} finally {
			db?.close();
		}
		return;
	}
	const list = await run('pg_restore', ['--list', file], process.env);
	if (list.code !== 0 || !/ TABLE public kysely_migration /.test(list.stdout)) throw new BackupError(NOT_A_BACKUP(file));
}

/** Whether the database at `url` holds any table (a database never migrated is empty). */
export async function databaseHasTables(url: string): Promise<boolean> {
	if (dialectOfUrl(url) === 'sqlite') {
		const file = sqlitePath(url);
		if (!existsSync(file)) return false;
		const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
		try {
			return (db.prepare(`select count(*) as n from sqlite_master where type = 'table'`).get() as { n: number }).n > 0;
		} finally {
			db.close();
		}
	}
	const client = await pgClient(url);
	await client.connect();
	try {
		const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = 'public'`);
		return Number(rows[0].n) > 0;
	} finally {
		await client.end();
	}
}

/**
 * Replaces the database at `url` by the backup `file`. Refuses (BackupError, nothing written) a
 * file that is not a Maillage backup, one of the other database, or a target that already holds
 * tables unless `force`. Stop the app first: a running app keeps its own view of the database.
 */
export async function restoreDatabase(url: string, file: string, options: { force?: boolean } = {}): Promise<void> {
	const dialect = dialectOfUrl(url);
	await checkBackupFile(file, dialect);
	if (!options.force && (await databaseHasTables(url)))
		throw new BackupError(
			'la base de destination contient déjà des données : arrêtez l’application et relancez avec --force pour la remplacer'
		);
	if (dialect === 'sqlite') {
		const target = sqlitePath(url);
		await mkdir(path.dirname(path.resolve(target)), { recursive: true });
		// Through SQLite's backup API into the target, so that its WAL and lock files stay coherent.
		const source = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
		try {
			await source.backup(target);
		} finally {
			source.close();
		}
		return;
	}
	const target = pgTarget(url);
	if (options.force) {
		const client = await pgClient(url);
		await client.connect();
		try {
			await client.query('drop schema if exists public cascade; create schema public');
		} finally {
			await client.end();
		}
	}
	const res = await run(
		'pg_restore',
		['--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', '--dbname', target.url, file],
		target.env
	);
	if (res.code !== 0) throw new BackupError(`pg_restore a échoué : ${firstLine(res.stderr)}`);
}

/**
 * The periodic backup: one file in `dir` unless the newest is younger than `everyMs` (so that
 * restarts and several processes do not pile copies up), then only the `keep` newest are kept.
 */
export async function backupToDir(
	url: string,
	dir: string,
	options: { keep: number; everyMs: number; now?: Date }
): Promise<{ written: number; removed: number }> {
	const now = options.now ?? new Date();
	const ext = backupExtension(dialectOfUrl(url));
	await mkdir(dir, { recursive: true });
	const ours = async () => (await readdir(dir)).filter((f) => f.startsWith('maillage-') && f.endsWith(ext)).sort();
	let written = 0;
	const newest = (await ours()).at(-1);
	if (!newest || now.getTime() - (await stat(path.join(dir, newest))).mtimeMs >= options.everyMs) {
		await backupDatabase(url, path.join(dir, backupFileName(dialectOfUrl(url), now)));
		written = 1;
	}
	const all = await ours();
	const old = all.slice(0, Math.max(0, all.length - Math.max(1, options.keep)));
	for (const f of old) await unlink(path.join(dir, f));
	return { written, removed: old.length };
}

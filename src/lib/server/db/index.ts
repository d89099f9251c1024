import {
	Kysely,
	PostgresDialect,
	SqliteAdapter,
	SqliteDialect,
	sql,
	type DialectAdapter,
	type SqliteDatabase,
	type Transaction
} from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import type PgModule from 'pg';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.ts';
import { startCheckpointer, type CheckpointOptions } from './sqlite-checkpointer.ts';
import { boundBusyTimeout, busyTimeoutMs } from './busy.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
export type DbOrTx = Db | Tx;

export interface DbHandle {
	db: Db;
	dialect: Dialect;
	/** The connection string it was opened with, for the logs and for a second process. */
	url: string;
}

/** Connections each process opens to PostgreSQL at most. */
export const PG_POOL_SIZE = 10;

/**
 * Opens the database named by `url`: `postgres://…` → PostgreSQL, `file:PATH` or a bare path →
 * SQLite (created with its folder when missing), `:memory:` → a private in-memory SQLite.
 */
export function createDb(url: string, options: { checkpoints?: CheckpointOptions } = {}): DbHandle {
	if (/^postgres(ql)?:\/\//.test(url)) {
		// Loaded here, not at import: a server on SQLite does not carry the PostgreSQL driver.
		const pg = createRequire(import.meta.url)('pg') as typeof PgModule;
		const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE, connectionTimeoutMillis: 10_000 });
		// (A server that never answers fails after 10 s rather than at the system's TCP timeout.)
		// An idle connection that dies (a server restart) is dropped and replaced by the pool;
		// without a listener its error would crash the process.
		pool.on('error', (e) => console.warn(`PostgreSQL: idle connection lost (${e.message})`));
		return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', url };
	}
	const path = url.startsWith('file:') ? url.slice('file:'.length) : url;
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new BetterSqlite3(path);
	// WAL lets readers go on while the single writer writes; the busy timeout queues writers
	// from a second process instead of failing them at once, for a bounded time (busy.ts; set
	// first: switching to WAL takes a lock too, and processes started together on a new file meet there).
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('journal_mode = WAL');
	boundBusyTimeout(sqlite);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('synchronous = NORMAL');
	// SQLite's own page cache of 2 MB, not the 16 MB better-sqlite3 compiles in: the system's file
	// cache holds the file anyway, and under a rush of registrations those 16 MB were filled and
	// kept (peak 275 → 260 MB resident, same throughput; `npm run bench:registration`).
	sqlite.pragma('cache_size = -2000');
	// While writes come, checkpoints run on a thread of their own (sqlite-checkpointer.ts) and this
	// connection only checkpoints if the WAL grows past the backstop. After a checkpoint, a WAL left
	// larger than 64 MB by a rush is cut back.
	const checkpointer =
		path === ':memory:' ? null : startCheckpointer(path, (pages) => sqlite.pragma(`wal_autocheckpoint = ${pages}`), options.checkpoints);
	sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
	const database = withStatementCache(sqlite, () => void checkpointer?.stop());
	return { db: new Kysely<Database>({ dialect: new LockingSqliteDialect({ database }) }), dialect: 'sqlite', url };
}

/**
 * Kysely prepares every query anew on SQLite; preparing costs more than running most of ours.
 * Here a prepared statement is kept per SQL text (the most recent `max` of them) and reused, as
 * the PostgreSQL server does with its plans. A statement still being iterated (`busy`) is not
 * shared: that call gets a fresh one.
 */
function withStatementCache(db: BetterSqlite3.Database, onClose: () => void, max = 500): SqliteDatabase {
	const statements = new Map<string, BetterSqlite3.Statement>();
	return {
		close: () => {
			db.close();
			onClose();
		},
		prepare(text: string) {
			const kept = statements.get(text);
			if (kept && !kept.busy) return kept;
			const statement = db.prepare(text);
			if (!kept) {
				statements.set(text, statement);
				if (statements.size > max) statements.delete(statements.keys().next().value!);
			}
			return statement;
		}
	};
}

/**
 * Kysely takes no migration lock on SQLite (one connection per process), so two processes
 * starting on one file (the app and the CLI) could run the same migration twice. Here the
 * migrations run inside BEGIN IMMEDIATE: the second process waits for the first to commit,
 * then finds nothing left to do.
 */
class LockingSqliteAdapter extends SqliteAdapter {
	// At start-up a process may wait for another's migrations far longer than a request should
	// wait for a lock (busy.ts): the wait is long for the migrations only.
	override async acquireMigrationLock(db: Kysely<any>): Promise<void> {
		await sql.raw('pragma busy_timeout = 30000').execute(db);
		await sql`begin immediate`.execute(db);
	}
	override async releaseMigrationLock(db: Kysely<any>): Promise<void> {
		await sql`commit`.execute(db);
		await sql.raw(`pragma busy_timeout = ${busyTimeoutMs()}`).execute(db);
	}
}

class LockingSqliteDialect extends SqliteDialect {
	override createAdapter(): DialectAdapter {
		return new LockingSqliteAdapter();
	}
}

/** The database URL the environment asks for; the embedded SQLite file by default. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
	return env.DATABASE_URL?.trim() || 'file:data/maillage.sqlite';
}

/** Answers when the database does: for the health check. */
export async function pingDb(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}

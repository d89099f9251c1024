/**
 * SQLite locks held by another process (a backup, the CLI, a second server). better-sqlite3 is
 * synchronous: while the app's connection waits for a lock, the whole process waits with it. So
 * the wait is bounded (`SQLITE_BUSY_TIMEOUT_MS`, 1,000 ms by default, instead of the 5 s that let
 * a held lock freeze every request for up to 25 s), and a request that meets the lock fails fast:
 * hooks.server.ts answers it 503 with a French message (`isDatabaseBusy`).
 */
import type BetterSqlite3 from 'better-sqlite3';

/** The busy timeout from the environment: a whole number of milliseconds, 1,000 by default. */
export function busyTimeoutMs(value = process.env.SQLITE_BUSY_TIMEOUT_MS): number {
	const n = Number(value);
	return value?.trim() && Number.isInteger(n) && n >= 0 ? n : 1000;
}

/** Sets the connection's bounded busy timeout (see above). */
export function boundBusyTimeout(sqlite: BetterSqlite3.Database, ms = busyTimeoutMs()): void {
	sqlite.pragma(`busy_timeout = ${ms}`);
}

/** Whether `e` is SQLite saying the database is locked (after the busy timeout). */
export function isDatabaseBusy(e: unknown): boolean {
	const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
	return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

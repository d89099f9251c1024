/**
 * Whether another process holds an SQLite database's write lock, asked without waiting. The app's
 * own connection waits up to its busy timeout (5 s), and better-sqlite3 being synchronous, the
 * whole process would wait with it: a health check must answer at once instead.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { DbHandle } from './index.ts';

export type WriteLockProbe = 'free' | 'locked' | 'not-sqlite';

/** Opens a second connection on the file, tries `BEGIN IMMEDIATE` with no timeout, rolls back. */
export function probeSqliteWriteLock(handle: DbHandle): WriteLockProbe {
	if (handle.dialect !== 'sqlite') return 'not-sqlite';
	const path = handle.url.startsWith('file:') ? handle.url.slice('file:'.length) : handle.url;
	if (path === ':memory:') return 'free';
	const probe = new BetterSqlite3(path, { fileMustExist: true, timeout: 0 });
	try {
		probe.exec('begin immediate');
		probe.exec('rollback');
		return 'free';
	} catch (error) {
		if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') || (error as { code?: string }).code?.startsWith('SQLITE_LOCKED'))
			return 'locked';
		throw error;
	} finally {
		probe.close();
	}
}

import type { Db, DbOrTx, Tx } from './db/index.ts';

/** Runs `fn` in the caller's transaction when there is one, else in a new one. */
export function withTx<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
	if (db.isTransaction) return fn(db as Tx);
	return (db as Db).transaction().execute(fn);
}

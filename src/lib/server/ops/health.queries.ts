/** The Kysely code of the readiness check: cheap reads on indexed columns. */
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';
import { toIso } from '../db/time.ts';

export async function selectOne(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}

/**
 * When the oldest message due for `status` became due (null when none is): `pending` waits for a
 * worker, `preparing` for the renderer. Both read the `(status, next_attempt_at)` index.
 */
export async function selectOldestDue(db: Db, status: 'pending' | 'preparing', nowIso: string): Promise<string | null> {
	const row = await db
		.selectFrom('mail_message')
		.select((eb) => eb.fn.min('next_attempt_at').as('oldest'))
		.where('status', '=', status)
		.where('next_attempt_at', '<=', nowIso)
		.executeTakeFirst();
	return row?.oldest ? toIso(row.oldest as string | Date) : null;
}

import { randomBytes } from 'node:crypto';
import type { DbOrTx } from './db/index.ts';

/**
 * The signing secret of sessions and links: from the environment when given, else generated
 * once and kept in the database, so that a demo runs with no set-up and every process that
 * shares the database agrees on it.
 */
export async function getOrCreateSecret(db: DbOrTx, fromEnv: string | null): Promise<string> {
	if (fromEnv) return fromEnv;
	const existing = await db.selectFrom('setting').select('value').where('key', '=', 'auth_secret').executeTakeFirst();
	if (existing) return existing.value;
	const value = randomBytes(32).toString('base64url');
	await db
		.insertInto('setting')
		.values({ key: 'auth_secret', value })
		.onConflict((oc) => oc.column('key').doNothing())
		.execute();
	const row = await db.selectFrom('setting').select('value').where('key', '=', 'auth_secret').executeTakeFirstOrThrow();
	return row.value;
}

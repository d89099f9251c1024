/** All Kysely code of double opt-in's holds (registration-hold.service.ts). */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { RegistrationHoldTable } from '../db/tables/registrations.ts';

export type HoldRow = Selectable<RegistrationHoldTable>;

/** Stores a hold in place of any earlier one of the same address for the event. */
export async function insertHold(db: DbOrTx, row: Insertable<RegistrationHoldTable>): Promise<void> {
	await db.deleteFrom('registration_hold').where('event_id', '=', row.event_id).where('email', '=', row.email).execute();
	await db.insertInto('registration_hold').values(row).execute();
}

export function findHoldByTokenHash(db: DbOrTx, tokenHash: string): Promise<HoldRow | undefined> {
	return db.selectFrom('registration_hold').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function deleteHold(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('registration_hold').where('id', '=', id).execute();
}

/** Deletes the holds expired at `nowIso`; how many. */
export async function deleteExpiredHolds(db: DbOrTx, nowIso: string): Promise<number> {
	const r = await db.deleteFrom('registration_hold').where('expires_at', '<=', nowIso).executeTakeFirst();
	return Number(r.numDeletedRows);
}

/** The organisers' own registration questions, one at a time (their list is read in registration.queries.ts). */
import { sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { RegistrationQuestionTable } from '../db/tables/registrations.ts';

export function findQuestionRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('registration_question').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

/** Changes a question's wording and raises its version, only while it has one of `versions` (else false). */
export async function updateQuestionAtVersion(
	db: DbOrTx,
	id: string,
	patch: Updateable<RegistrationQuestionTable>,
	versions: number[]
): Promise<boolean> {
	const r = await db
		.updateTable('registration_question')
		.set({ ...patch, version: sql<number>`version + 1` })
		.where('id', '=', id)
		.where('version', 'in', versions)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

/** Kysely code of the corrections suggested on the directory, and of those accepted on structures. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { DirectorySuggestionTable } from '../db/tables/directory.ts';

export async function insertSuggestion(db: DbOrTx, row: Insertable<DirectorySuggestionTable>): Promise<void> {
	await db.insertInto('directory_suggestion').values(row).execute();
}

/** How many corrections wait on one place or structure. */
export async function countPendingFor(db: DbOrTx, kind: string, targetId: string): Promise<number> {
	const row = await db
		.selectFrom('directory_suggestion')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('target_kind', '=', kind)
		.where('target_id', '=', targetId)
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The corrections waiting for a moderator, oldest first. */
export function listPendingSuggestions(db: DbOrTx, limit: number) {
	return db
		.selectFrom('directory_suggestion')
		.leftJoin('directory_place', (j) =>
			j.onRef('directory_place.id', '=', 'directory_suggestion.target_id').on('directory_suggestion.target_kind', '=', 'place')
		)
		.selectAll('directory_suggestion')
		.select('directory_place.schema_id as place_schema_id')
		.where('directory_suggestion.status', '=', 'pending')
		.orderBy('directory_suggestion.created_at')
		.orderBy('directory_suggestion.id')
		.limit(limit)
		.execute();
}

export function findSuggestion(db: DbOrTx, id: string) {
	return db.selectFrom('directory_suggestion').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the decision on a pending correction and forgets the suggester's address; 0 when already decided. */
export async function decideSuggestion(db: DbOrTx, id: string, status: string, by: string | null, at: string): Promise<number> {
	const res = await db
		.updateTable('directory_suggestion')
		.set({ status, decided_by: by, decided_at: at, email: null })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(res.numUpdatedRows);
}

export function findPlaceById(db: DbOrTx, id: string) {
	return db.selectFrom('directory_place').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Corrections accepted on structures, read when the structures are gathered. */
export function listStructureCorrections(db: DbOrTx) {
	return db.selectFrom('directory_structure_correction').select(['structure_id', 'field', 'value']).execute();
}

export async function upsertStructureCorrection(db: DbOrTx, structureId: string, field: string, value: string, at: string): Promise<void> {
	await db
		.insertInto('directory_structure_correction')
		.values({ structure_id: structureId, field, value, updated_at: at })
		.onConflict((oc) => oc.columns(['structure_id', 'field']).doUpdateSet({ value, updated_at: at }))
		.execute();
}

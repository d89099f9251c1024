/** Kysely code of the directory's structures, read from what Maillage already holds. */
import type { DbOrTx } from '../db/index.ts';

/** The organising structures of published events, with their event. */
export async function listPublishedOrganisers(db: DbOrTx) {
	return db
		.selectFrom('event_organiser')
		.innerJoin('event', 'event.id', 'event_organiser.event_id')
		.where('event.status', '=', 'published')
		.select([
			'event_organiser.name',
			'event_organiser.type',
			'event_organiser.siret',
			'event_organiser.rna',
			'event_organiser.role',
			'event.slug',
			'event.title',
			'event.starts_at',
			'event.venue_commune'
		])
		.orderBy('event.starts_at')
		.execute();
}

/** The places whose pivot is one of `pivots`. */
export async function listPlacesByPivot(db: DbOrTx, pivots: string[]) {
	if (pivots.length === 0) return [];
	return db
		.selectFrom('directory_place')
		.select(['schema_id', 'nom', 'commune', 'pivot'])
		.where('pivot', 'in', pivots)
		.orderBy('nom')
		.execute();
}

/** The organisations of confirmed speakers of published events (public on the programme pages). */
export async function listPublishedSpeakerOrganisations(db: DbOrTx) {
	return db
		.selectFrom('speaker')
		.innerJoin('event', 'event.id', 'speaker.event_id')
		.where('event.status', '=', 'published')
		.where('speaker.status', '=', 'confirmed')
		.where('speaker.organisation', '!=', '')
		.select(['speaker.organisation', 'event.slug', 'event.title', 'event.starts_at'])
		.orderBy('event.starts_at')
		.execute();
}

export function listStructureMerges(db: DbOrTx) {
	return db.selectFrom('directory_structure_merge').selectAll().orderBy('merged_at', 'desc').execute();
}

/** Records that `fromId` is `intoId`; a second merge of the same id replaces the first. */
export async function upsertStructureMerge(
	db: DbOrTx,
	row: { from_id: string; into_id: string; merged_by: string | null; merged_at: string }
) {
	await db
		.insertInto('directory_structure_merge')
		.values(row)
		.onConflict((oc) => oc.column('from_id').doUpdateSet({ into_id: row.into_id, merged_by: row.merged_by, merged_at: row.merged_at }))
		.execute();
}

/** Points the merges into `fromId` at `intoId` (a merged structure merged again). */
export async function redirectStructureMerges(db: DbOrTx, fromId: string, intoId: string) {
	await db.updateTable('directory_structure_merge').set({ into_id: intoId }).where('into_id', '=', fromId).execute();
}

export async function deleteStructureMerge(db: DbOrTx, fromId: string): Promise<boolean> {
	const r = await db.deleteFrom('directory_structure_merge').where('from_id', '=', fromId).executeTakeFirst();
	return Number(r.numDeletedRows) === 1;
}

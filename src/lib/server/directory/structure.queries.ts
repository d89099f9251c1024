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

/** All Kysely code of the directory's places. */
import { sql, type Insertable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { DirectoryPlaceTable } from '../db/tables/directory.ts';

export type PlaceRecord = Insertable<DirectoryPlaceTable>;

/** What an import matches on, for every stored place. */
export async function listPlaceKeys(db: DbOrTx) {
	return db.selectFrom('directory_place').select(['id', 'schema_id', 'match_key', 'content_hash']).execute();
}

/** Another place with this match key (pivot and normalised name), if any. */
export function findOtherPlaceByMatchKey(db: DbOrTx, matchKey: string, exceptId: string) {
	return db
		.selectFrom('directory_place')
		.select(['id', 'schema_id'])
		.where('match_key', '=', matchKey)
		.where('id', '!=', exceptId)
		.executeTakeFirst();
}

/** Inserts places and their services, a few hundred per statement. */
export async function insertPlaces(db: DbOrTx, places: PlaceRecord[]): Promise<void> {
	for (let i = 0; i < places.length; i += 400)
		await db
			.insertInto('directory_place')
			.values(places.slice(i, i + 400))
			.execute();
	const services = places.flatMap((p) => (p.services ? p.services.split('|').map((service) => ({ place_id: p.id, service })) : []));
	for (let i = 0; i < services.length; i += 2000)
		await db
			.insertInto('directory_place_service')
			.values(services.slice(i, i + 2000))
			.execute();
}

/**
 * Replaces a place's fields and its services and raises its version; with `versions`, only while
 * it has one of them (else false, nothing written).
 */
export async function updatePlace(db: DbOrTx, place: PlaceRecord, versions?: number[]): Promise<boolean> {
	const { id, created_at: _created, version: _version, ...fields } = place;
	let q = db
		.updateTable('directory_place')
		.set({ ...fields, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	if (Number((await q.executeTakeFirst()).numUpdatedRows) === 0) return false;
	await db.deleteFrom('directory_place_service').where('place_id', '=', id).execute();
	const services = place.services ? place.services.split('|').map((service) => ({ place_id: id, service })) : [];
	if (services.length) await db.insertInto('directory_place_service').values(services).execute();
	return true;
}

export interface PlaceFilterValues {
	q?: string;
	service?: string;
	departement?: string;
	commune?: string;
	typologie?: string;
	public?: string;
}

function filtered(db: DbOrTx, f: PlaceFilterValues) {
	let query = db.selectFrom('directory_place');
	if (f.departement) query = query.where('departement', '=', f.departement);
	if (f.service)
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('directory_place_service')
					.select(sql`1`.as('one'))
					.whereRef('directory_place_service.place_id', '=', 'directory_place.id')
					.where('directory_place_service.service', '=', f.service!)
			)
		);
	if (f.q) query = query.where('search_text', 'like', `%${escapeLike(f.q)}%`);
	if (f.commune) {
		const commune = f.commune;
		query = query.where((eb) =>
			eb.or([eb('code_postal', '=', commune), eb('code_insee', '=', commune), eb(sql`lower(commune)`, '=', commune.toLowerCase())])
		);
	}
	if (f.typologie) query = query.where(sql<string>`'|' || typologie || '|'`, 'like', `%|${escapeLike(f.typologie)}|%`);
	if (f.public) query = query.where(sql<string>`'|' || publics_specifiquement_adresses || '|'`, 'like', `%|${escapeLike(f.public)}|%`);
	return query;
}

/** LIKE's wildcards typed by someone are dropped (SQLite has no default escape character). */
function escapeLike(v: string): string {
	return v.replace(/[\\%_]/gu, '');
}

/** One page of the places matching the filters, by name, and how many match in all. */
export async function searchPlaces(db: DbOrTx, f: PlaceFilterValues, limit: number, offset: number) {
	const [items, count] = await Promise.all([
		filtered(db, f).selectAll().orderBy('nom').orderBy('id').limit(limit).offset(offset).execute(),
		filtered(db, f)
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return { items, total: Number(count.n) };
}

/** Coordinates of every matching place, for the map. */
export async function listPlacePoints(db: DbOrTx, f: PlaceFilterValues) {
	return filtered(db, f)
		.select(['schema_id', 'nom', 'latitude', 'longitude', 'departement'])
		.where('latitude', 'is not', null)
		.orderBy('nom')
		.limit(5000)
		.execute();
}

export async function findPlaceBySchemaId(db: DbOrTx, schemaId: string) {
	return db.selectFrom('directory_place').selectAll().where('schema_id', '=', schemaId).executeTakeFirst();
}

/** Every place, in a stable order, for the open-data export. */
export async function listAllPlaces(db: DbOrTx) {
	return db.selectFrom('directory_place').selectAll().orderBy('schema_id').execute();
}

/** The départements that have places, with their number. */
export async function countPlacesByDepartement(db: DbOrTx) {
	const rows = await db
		.selectFrom('directory_place')
		.select(['departement', (eb) => eb.fn.countAll<number | string>().as('n')])
		.groupBy('departement')
		.orderBy('departement')
		.execute();
	return rows.map((r) => ({ departement: r.departement, count: Number(r.n) }));
}

import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Directory of places of digital mediation ("lieux de médiation numérique"): one row per place,
// one column per field of the national schema (same names), lists kept `|`-separated as the
// schema writes them; `directory_place_service` repeats the services for indexed filtering.
// Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	const real = 'double precision' as const;

	let table = db.schema
		.createTable('directory_place')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('schema_id', 'text', (c) => c.notNull().unique())
		.addColumn('pivot', 'text', (c) => c.notNull())
		.addColumn('nom', 'text', (c) => c.notNull())
		.addColumn('match_key', 'text', (c) => c.notNull())
		.addColumn('search_text', 'text', (c) => c.notNull())
		.addColumn('departement', 'text', (c) => c.notNull())
		.addColumn('commune', 'text', (c) => c.notNull())
		.addColumn('code_postal', 'text', (c) => c.notNull())
		.addColumn('code_insee', 'text')
		.addColumn('adresse', 'text', (c) => c.notNull())
		.addColumn('latitude', real)
		.addColumn('longitude', real)
		.addColumn('date_maj', 'text', (c) => c.notNull());
	for (const column of OPTIONAL_TEXT) table = table.addColumn(column, 'text');
	await table
		.addColumn('content_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('directory_place_match_idx').on('directory_place').column('match_key').execute();
	await db.schema.createIndex('directory_place_dep_idx').on('directory_place').columns(['departement', 'nom']).execute();
	await db.schema.createIndex('directory_place_nom_idx').on('directory_place').column('nom').execute();

	await db.schema
		.createTable('directory_place_service')
		.addColumn('place_id', 'text', (c) => c.notNull().references('directory_place.id').onDelete('cascade'))
		.addColumn('service', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('directory_place_service_pk', ['service', 'place_id'])
		.execute();
	await db.schema.createIndex('directory_place_service_place_idx').on('directory_place_service').column('place_id').execute();
}

/** The schema's optional fields stored as they are written in its CSV. */
const OPTIONAL_TEXT = [
	'complement_adresse',
	'typologie',
	'telephone',
	'courriels',
	'site_web',
	'horaires',
	'presentation_resume',
	'presentation_detail',
	'source',
	'itinerance',
	'structure_parente',
	'services',
	'publics_specifiquement_adresses',
	'prise_en_charge_specifique',
	'frais_a_charge',
	'dispositif_programmes_nationaux',
	'formations_labels',
	'autres_formations_labels',
	'modalites_acces',
	'modalites_accompagnement',
	'fiche_acces_libre',
	'prise_rdv'
];

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('directory_place_service').execute();
	await db.schema.dropTable('directory_place').execute();
}

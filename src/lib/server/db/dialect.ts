import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Every type difference between SQLite and PostgreSQL that the migrations need, in one place.
 * Timestamps are `timestamptz` on PostgreSQL and ISO-8601 text on SQLite (it sorts as time does);
 * booleans owned by better-auth are `boolean` on PostgreSQL, 0/1 integers on SQLite (our own
 * tables use 0/1 integers on both).
 */
export function columnTypes(db: Kysely<any>) {
	const pg = db.getExecutor().adapter instanceof PostgresAdapter;
	return {
		pg,
		timestamp: (pg ? 'timestamptz' : 'text') as 'timestamptz',
		boolean: (pg ? 'boolean' : 'integer') as 'boolean',
		/** Uploaded files (portraits, slides): `bytea` / `blob`; both drivers read back a Buffer. */
		bytes: (pg ? 'bytea' : 'blob') as 'bytea'
	};
}

import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// National view, second part: per-event figures kept apart from the registrations (refreshed when
// marked stale by triggers, frozen before the retention purge), events located per commune, and
// ActivityPub (keys, followers, the objects announced, Fedify's key-value store). Once merged, a
// migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp, pg } = columnTypes(db);

	// One row per event: its attended people and élu·es, and whether they must be counted again.
	// `frozen_at` is set when the retention purge erases the registrations: the counts stay.
	await db.schema
		.createTable('event_figure')
		.addColumn('event_id', 'text', (c) => c.primaryKey().references('event.id').onDelete('cascade'))
		.addColumn('participants', 'integer', (c) => c.notNull())
		.addColumn('elus', 'integer', (c) => c.notNull())
		.addColumn('stale', 'integer', (c) => c.notNull())
		.addColumn('computed_at', timestamp, (c) => c.notNull())
		.addColumn('frozen_at', timestamp)
		.addColumn('report_participation', 'text')
		.execute();
	// The folded (structure, commune) keys of an event's attended people: organisations, not persons.
	await db.schema
		.createTable('event_figure_structure')
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('structure_key', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('event_figure_structure_pk', ['event_id', 'structure_key'])
		.execute();

	// The distinct structures over a set of events (a year, or all), with the fingerprint of the
	// per-event figures it was counted from: counted again only when one of them changed.
	await db.schema
		.createTable('national_figure_cache')
		.addColumn('scope', 'text', (c) => c.primaryKey())
		.addColumn('fingerprint', 'text', (c) => c.notNull())
		.addColumn('structures', 'integer', (c) => c.notNull())
		.addColumn('computed_at', timestamp, (c) => c.notNull())
		.execute();

	// Any change to a registration or a check-in marks its event's figures stale (unless frozen).
	const mark = (ref: 'NEW' | 'OLD') =>
		`update event_figure set stale = 1 where event_id = ${ref}.event_id and frozen_at is null and stale = 0`;
	if (pg) {
		await sql
			.raw(
				`create function event_figure_mark_stale() returns trigger language plpgsql as $$
				begin
					if tg_op in ('UPDATE', 'DELETE') then ${mark('OLD')}; end if;
					if tg_op in ('INSERT', 'UPDATE') then ${mark('NEW')}; end if;
					return null;
				end $$`
			)
			.execute(db);
		for (const table of ['registration', 'checkin'])
			await sql
				.raw(
					`create trigger ${table}_figure_stale after insert or update or delete on ${table} for each row execute function event_figure_mark_stale()`
				)
				.execute(db);
	} else {
		for (const table of ['registration', 'checkin']) {
			await sql.raw(`create trigger ${table}_figure_stale_ins after insert on ${table} begin ${mark('NEW')}; end`).execute(db);
			await sql.raw(`create trigger ${table}_figure_stale_del after delete on ${table} begin ${mark('OLD')}; end`).execute(db);
			await sql
				.raw(`create trigger ${table}_figure_stale_upd after update on ${table} begin ${mark('OLD')}; ${mark('NEW')}; end`)
				.execute(db);
		}
	}

	// Remote events at their commune (INSEE code) too; followed instances by JSON feed or ActivityPub.
	await db.schema.alterTable('remote_event').addColumn('insee_code', 'text').execute();
	await db.schema
		.alterTable('followed_instance')
		.addColumn('protocol', 'text', (c) => c.notNull().defaultTo('json'))
		.execute();
	await db.schema.alterTable('followed_instance').addColumn('actor_url', 'text').execute();

	// ActivityPub: one key pair per local actor (the instance, each organising structure).
	await db.schema
		.createTable('ap_key')
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull()) // RSASSA-PKCS1-v1_5 | Ed25519
		.addColumn('private_jwk', 'text', (c) => c.notNull())
		.addColumn('public_jwk', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('ap_key_pk', ['actor', 'kind'])
		.execute();
	await db.schema
		.createTable('ap_follower')
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('follower_id', 'text', (c) => c.notNull())
		.addColumn('inbox', 'text', (c) => c.notNull())
		.addColumn('shared_inbox', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('ap_follower_pk', ['actor', 'follower_id'])
		.execute();
	// What this instance last announced of each public event (to send Create, Update or Delete once).
	await db.schema
		.createTable('ap_announced')
		.addColumn('event_id', 'text', (c) => c.primaryKey())
		.addColumn('object_id', 'text', (c) => c.notNull())
		.addColumn('actors', 'text', (c) => c.notNull()) // JSON array of the local actors it went out as
		.addColumn('version', 'text', (c) => c.notNull())
		.addColumn('announced_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('ap_kv')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('expires_at', timestamp)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	const { pg } = columnTypes(db);
	for (const t of ['ap_kv', 'ap_announced', 'ap_follower', 'ap_key', 'national_figure_cache', 'event_figure_structure', 'event_figure'])
		await db.schema.dropTable(t).execute();
	if (pg) {
		for (const table of ['registration', 'checkin']) await sql.raw(`drop trigger ${table}_figure_stale on ${table}`).execute(db);
		await sql`drop function event_figure_mark_stale()`.execute(db);
	} else
		for (const table of ['registration', 'checkin'])
			for (const op of ['ins', 'del', 'upd']) await sql.raw(`drop trigger ${table}_figure_stale_${op}`).execute(db);
	await db.schema.alterTable('remote_event').dropColumn('insee_code').execute();
	await db.schema.alterTable('followed_instance').dropColumn('protocol').execute();
	await db.schema.alterTable('followed_instance').dropColumn('actor_url').execute();
}

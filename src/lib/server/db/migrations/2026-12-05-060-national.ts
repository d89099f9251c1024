import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The national view: the instance role of national reviewer, and the label requests with their
// history. Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('national_reviewer')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
		.addColumn('granted_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();

	// One request per event: asking again after "more information" or a refusal reopens it.
	await db.schema
		.createTable('label_request')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().unique().references('event.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('requested_on', 'text', (c) => c.notNull())
		.addColumn('late', 'integer', (c) => c.notNull())
		.addColumn('expected_audience', 'integer')
		.addColumn('requested_support', 'text', (c) => c.notNull())
		.addColumn('snapshot', 'text', (c) => c.notNull())
		.addColumn('requested_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('label_request_status_idx').on('label_request').columns(['status', 'updated_at']).execute();

	await db.schema
		.createTable('label_request_step')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('request_id', 'text', (c) => c.notNull().references('label_request.id').onDelete('cascade'))
		.addColumn('at', timestamp, (c) => c.notNull())
		.addColumn('actor_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('label_request_step_request_idx').on('label_request_step').columns(['request_id', 'at']).execute();

	// Federation: other Maillage instances this one follows, and the public events read from them.
	await db.schema
		.createTable('followed_instance')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('url', 'text', (c) => c.notNull().unique())
		.addColumn('added_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('fetched_at', timestamp)
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('error', 'text')
		.addColumn('event_count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('remote_event')
		.addColumn('instance_id', 'text', (c) => c.notNull().references('followed_instance.id').onDelete('cascade'))
		.addColumn('url', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('starts_at', timestamp, (c) => c.notNull())
		.addColumn('ends_at', timestamp, (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('commune', 'text')
		.addColumn('departement', 'text')
		.addColumn('themes', 'text', (c) => c.notNull())
		.addColumn('organisers', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('remote_event_pk', ['instance_id', 'url'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['remote_event', 'followed_instance', 'label_request_step', 'label_request', 'national_reviewer'])
		await db.schema.dropTable(t).execute();
}

import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp, bytes } = columnTypes(db);
	await db.schema
		.alterTable('event')
		.addColumn('min_break_minutes', 'integer', (c) => c.notNull().defaultTo(15))
		.execute();

	await db.schema
		.createTable('stored_file')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('filename', 'text', (c) => c.notNull())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('data', bytes, (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('room')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('capacity', 'integer')
		.addColumn('accessibility_notes', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema.createIndex('room_event_idx').on('room').column('event_id').execute();

	await db.schema
		.createTable('speaker')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('role_title', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('portrait_file_id', 'text', (c) => c.references('stored_file.id').onDelete('set null'))
		.addColumn('portrait_alt', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('email', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('travel_cost_cents', 'integer')
		.addColumn('invite_token_hash', 'text', (c) => c.unique())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('speaker_event_idx').on('speaker').column('event_id').execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('starts_at', timestamp, (c) => c.notNull())
		.addColumn('ends_at', timestamp, (c) => c.notNull())
		.addColumn('room_id', 'text', (c) => c.references('room.id').onDelete('set null'))
		.addColumn('audience', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('expected_attendance', 'integer')
		.addColumn('capacity', 'integer')
		.addColumn('requires_registration', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('synthesis', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('synthesis_published', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_event_starts_idx').on('session').columns(['event_id', 'starts_at']).execute();

	await db.schema
		.createTable('session_speaker')
		.addColumn('session_id', 'text', (c) => c.notNull().references('session.id').onDelete('cascade'))
		.addColumn('speaker_id', 'text', (c) => c.notNull().references('speaker.id').onDelete('cascade'))
		.addColumn('part', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('session_speaker_pk', ['session_id', 'speaker_id'])
		.execute();
	await db.schema.createIndex('session_speaker_speaker_idx').on('session_speaker').column('speaker_id').execute();

	await db.schema
		.createTable('session_resource')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('session_id', 'text', (c) => c.notNull().references('session.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('url', 'text')
		.addColumn('file_id', 'text', (c) => c.references('stored_file.id').onDelete('cascade'))
		.execute();
	await db.schema.createIndex('session_resource_session_idx').on('session_resource').column('session_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of ['session_resource', 'session_speaker', 'session', 'speaker', 'room', 'stored_file'])
		await db.schema.dropTable(t).execute();
	await db.schema.alterTable('event').dropColumn('min_break_minutes').execute();
}

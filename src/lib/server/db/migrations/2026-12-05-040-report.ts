import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The report ("bilan"): the organisers' choices and words for an event's report, the workshops'
// structured syntheses, and the link between two editions. Never edit once merged.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('event_report')
		.addColumn('event_id', 'text', (c) => c.primaryKey().references('event.id').onDelete('cascade'))
		.addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('published_at', timestamp)
		.addColumn('hidden_sections', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('texts', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('show_per_session', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('review', 'text', (c) => c.notNull().defaultTo('{"toImprove":[],"toKeep":[]}'))
		.addColumn('verbatims', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('signatory', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('signature_file_id', 'text', (c) => c.references('stored_file.id').onDelete('set null'))
		.addColumn('previous_event_id', 'text', (c) => c.references('event.id').onDelete('set null'))
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('event_report_previous_idx').on('event_report').column('previous_event_id').execute();
	await db.schema
		.createTable('session_synthesis')
		.addColumn('session_id', 'text', (c) => c.primaryKey().references('session.id').onDelete('cascade'))
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('sections', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('recording_url', 'text')
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_synthesis_event_idx').on('session_synthesis').column('event_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('session_synthesis').execute();
	await db.schema.dropTable('event_report').execute();
}

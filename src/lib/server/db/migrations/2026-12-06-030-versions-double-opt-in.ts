import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Second round of "no lost update" (see 2026-12-05-210-edit-versions): the other rows that edit
// forms and PATCHes overwrite get an integer `version`, raised by one at each change (existing
// rows start at 1). And double opt-in, per event: when the event asks for it, a public registration
// is first a hold (`registration_hold`) that takes no place; it becomes a registration, by the
// normal capacity and waiting-list rules, when the person opens the link mailed to them. The hold
// keeps what was typed (JSON) and the SHA-256 of the link's token only; a job deletes it once it
// has expired. Once merged, never edited.
const TABLES = ['registration', 'logistics_item', 'campaign', 'survey', 'event_report'] as const;

export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	for (const table of TABLES)
		await db.schema
			.alterTable(table)
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.execute();
	await db.schema
		.alterTable('event_registration_settings')
		.addColumn('double_opt_in', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createTable('registration_hold')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('input', 'text', (c) => c.notNull())
		.addColumn('lang', 'text', (c) => c.notNull().defaultTo('fr'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('expires_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('registration_hold_event_email').on('registration_hold').columns(['event_id', 'email']).execute();
	await db.schema.createIndex('registration_hold_expires').on('registration_hold').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('registration_hold').execute();
	await db.schema.alterTable('event_registration_settings').dropColumn('double_opt_in').execute();
	for (const table of TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}

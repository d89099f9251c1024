import type { Kysely } from 'kysely';

// Optimistic concurrency (no lost update): every row an edit form or a PATCH changes carries an
// integer `version`, raised by one at each change; an edit names the version it was loaded from
// and is written only where the row still has it (`… where id = ? and version = ?`). An integer
// rather than `updated_at`: two changes within one millisecond would share a timestamp, and a
// timestamp compares differently as PostgreSQL's `timestamptz` and SQLite's text. Existing rows
// start at 1. Once merged, never edited.
const TABLES = ['event', 'session', 'speaker', 'room', 'budget_line', 'planning_task'] as const;

export async function up(db: Kysely<any>): Promise<void> {
	for (const table of TABLES)
		await db.schema
			.alterTable(table)
			.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
			.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}

import type { Kysely } from 'kysely';

// Third round of "no lost update" (see 2026-12-05-210-edit-versions): the committee's members,
// meetings and time entries, the NEC label request, the event's registration settings and its
// own registration questions get an integer `version`, raised by one at each change (existing
// rows start at 1). Once merged, never edited.
const TABLES = [
	'committee_member',
	'meeting',
	'time_entry',
	'label_request',
	'event_registration_settings',
	'registration_question'
] as const;

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

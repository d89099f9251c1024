import { sql, type Kysely } from 'kysely';

// Third round of "no lost update" (see 2026-12-05-210-edit-versions): a session's synthesis (the
// organisers and its speakers write the same one), working groups, needs and offers, and the
// directory's places get an integer `version`, raised by one at each change (existing rows start
// at 1). Structures have no row of their own (they are gathered on read): the merge screen compares
// what it loaded instead. Once merged, never edited.
const TABLES = ['session_synthesis', 'working_group', 'network_post', 'directory_place'] as const;

// One statement each, the same on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
	for (const t of TABLES) await sql`alter table ${sql.table(t)} add column version integer not null default 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of TABLES) await sql`alter table ${sql.table(t)} drop column version`.execute(db);
}

import { sql, type Kysely } from 'kysely';

// Fourth round of "no lost update" (see 2026-12-05-210-edit-versions): a network profile (a
// participant's entry in their event's directory, or a signed-in person's in the territory's) and a
// team member's role get an integer `version`, raised by one at each change (existing rows start at
// 1), so that a form opened twice never undoes the other's save. Webhooks have no edit to guard
// (they are added and removed). Once merged, never edited.
const TABLES = ['network_profile', 'event_member'] as const;

// One statement each, the same on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
	for (const t of TABLES) await sql`alter table ${sql.table(t)} add column version integer not null default 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of TABLES) await sql`alter table ${sql.table(t)} drop column version`.execute(db);
}

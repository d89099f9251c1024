import { sql, type Kysely } from 'kysely';

// Fourth round of "no lost update" (see 2026-12-05-210-edit-versions): a network profile (a
// participant's entry in their event's directory, or a signed-in person's in the territory's) gets
// an integer `version`, raised by one at each change (existing rows start at 1), so that its form
// opened twice never undoes the other's save. Team roles and webhooks have no edit to guard (they
// are added and removed). Once merged, never edited.

// One statement, the same on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table network_profile add column version integer not null default 1`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`alter table network_profile drop column version`.execute(db);
}

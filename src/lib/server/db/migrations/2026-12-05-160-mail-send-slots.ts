import type { Kysely } from 'kysely';

// The send throttle shared by every mail worker of one database: one row per message allowed in a
// sliding window (MAIL_RATE_PER_MINUTE rows, written by the workers themselves), each a lease that a
// worker takes before a send and that frees itself when the window has passed. `free_at` is in
// milliseconds since the epoch (bigint: past 2^31 on both databases). Once merged, never edited.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('mail_send_slot')
		.addColumn('slot', 'integer', (c) => c.primaryKey())
		.addColumn('free_at', 'bigint', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('mail_send_slot').execute();
}

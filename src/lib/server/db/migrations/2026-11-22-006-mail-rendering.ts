import type { Kysely } from 'kysely';

// Outbox, second step: a message may be queued before it is written. `render_from` holds what its
// renderer needs (JSON); the message waits in status `preparing` until it is rendered, then goes
// `pending` like any other. Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('mail_message').addColumn('render_from', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('mail_message').dropColumn('render_from').execute();
}

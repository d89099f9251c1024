import type { Kysely } from 'kysely';

// Hardening: the outbox's priorities by kind (mail/mail-priority.ts: registration 0, other
// transactional 1, sign-in links 2, campaigns 3) for messages already waiting, and the indexes of
// the throttles that count recent messages per address (sign-in links) and per kind (the cap on
// anonymous e-mail), and of the purge of sent messages by age. Once merged, never edited.
export async function up(db: Kysely<any>): Promise<void> {
	await db.updateTable('mail_message').set({ priority: 3 }).where('kind', '=', 'campaign').execute();
	await db.updateTable('mail_message').set({ priority: 2 }).where('kind', '=', 'magic-link').execute();
	await db
		.updateTable('mail_message')
		.set({ priority: 1 })
		.where('kind', 'not in', ['campaign', 'magic-link', 'registration-confirmed', 'registration-promoted', 'registration-cancelled'])
		.execute();
	await db.schema.createIndex('mail_message_to_idx').on('mail_message').columns(['to_address', 'created_at']).execute();
	await db.schema.createIndex('mail_message_kind_created_idx').on('mail_message').columns(['kind', 'created_at']).execute();
	await db.schema.createIndex('mail_message_sent_idx').on('mail_message').columns(['status', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const name of ['mail_message_sent_idx', 'mail_message_kind_created_idx', 'mail_message_to_idx'])
		await db.schema.dropIndex(name).execute();
}

import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Campaigns: contact lists and their contacts, unsubscribed addresses, campaigns and one row per
// recipient (unique per campaign and address: each person gets one message per campaign). The
// outbox gains extra headers (List-Unsubscribe) and a priority, so that a campaign's thousands
// of messages never hold back a registration confirmation. Once merged, never edited.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);

	await db.schema.alterTable('mail_message').addColumn('headers', 'text').execute();
	await db.schema
		.alterTable('mail_message')
		.addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// The claim's order: with it, the next due message is the first entry read, not a sort of the
	// whole queue (a campaign queues thousands at once).
	await db.schema
		.createIndex('mail_message_claim_idx')
		.on('mail_message')
		.columns(['status', 'priority', 'next_attempt_at', 'created_at'])
		.execute();

	await db.schema
		.createTable('contact_list')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('contact_list_event_idx').on('contact_list').column('event_id').execute();

	await db.schema
		.createTable('contact')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('list_id', 'text', (c) => c.notNull().references('contact_list.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('structure', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('territory', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('legal_basis', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addUniqueConstraint('contact_list_email_uq', ['list_id', 'email'])
		.execute();

	await db.schema
		.createTable('contact_unsubscribe')
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('contact_unsubscribe_pk', ['event_id', 'email'])
		.execute();
	await db.schema.createIndex('contact_unsubscribe_email_idx').on('contact_unsubscribe').column('email').execute();

	await db.schema
		.createTable('campaign')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('anchor', 'text', (c) => c.notNull())
		.addColumn('offset_days', 'integer')
		.addColumn('send_time', 'text', (c) => c.notNull().defaultTo('09:00'))
		.addColumn('fixed_at', timestamp)
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('planning_task_id', 'text', (c) => c.references('planning_task.id').onDelete('set null'))
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('queued_at', timestamp)
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('campaign_event_idx').on('campaign').column('event_id').execute();
	await db.schema.createIndex('campaign_status_idx').on('campaign').column('status').execute();

	await db.schema
		.createTable('campaign_recipient')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('registration_id', 'text', (c) => c.references('registration.id').onDelete('set null'))
		// No foreign key: the recipient row is written first, then its message (see queueCampaign).
		.addColumn('mail_id', 'text')
		.addColumn('unsubscribe_hash', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		// The guarantee: one message per person and campaign, whoever queues it and however often.
		.addUniqueConstraint('campaign_recipient_email_uq', ['campaign_id', 'email'])
		.execute();
	await db.schema.createIndex('campaign_recipient_unsubscribe_idx').on('campaign_recipient').column('unsubscribe_hash').execute();
	await db.schema.createIndex('campaign_recipient_mail_idx').on('campaign_recipient').column('mail_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['campaign_recipient', 'campaign', 'contact_unsubscribe', 'contact', 'contact_list'])
		await db.schema.dropTable(table).execute();
	await db.schema.dropIndex('mail_message_claim_idx').execute();
	await db.schema.alterTable('mail_message').dropColumn('priority').execute();
	await db.schema.alterTable('mail_message').dropColumn('headers').execute();
}

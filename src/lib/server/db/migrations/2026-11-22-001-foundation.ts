import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp, boolean } = columnTypes(db);

	// better-auth's four tables, with snake_case columns (mapped in auth/auth.ts). Its sessions
	// live in `auth_session`: `session` is the programme's word for a workshop or a plenary.
	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('email_verified', boolean, (c) => c.notNull())
		.addColumn('image', 'text')
		.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locale', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('auth_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('expires_at', timestamp, (c) => c.notNull())
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.addColumn('ip_address', 'text')
		.addColumn('user_agent', 'text')
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.execute();
	await db.schema.createIndex('auth_session_user_id_idx').on('auth_session').column('user_id').execute();
	await db.schema
		.createTable('account')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('account_id', 'text', (c) => c.notNull())
		.addColumn('provider_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('access_token', 'text')
		.addColumn('refresh_token', 'text')
		.addColumn('id_token', 'text')
		.addColumn('access_token_expires_at', timestamp)
		.addColumn('refresh_token_expires_at', timestamp)
		.addColumn('scope', 'text')
		.addColumn('password', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('account_user_id_idx').on('account').column('user_id').execute();
	await db.schema
		.createTable('verification')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('identifier', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('expires_at', timestamp, (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('verification_identifier_idx').on('verification').column('identifier').execute();

	await db.schema
		.createTable('api_token')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('token_prefix', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('last_used_at', timestamp)
		.addColumn('revoked_at', timestamp)
		.execute();

	await db.schema
		.createTable('setting')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('event')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('edition', 'integer')
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('themes', 'text', (c) => c.notNull())
		.addColumn('starts_at', timestamp, (c) => c.notNull())
		.addColumn('ends_at', timestamp, (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('venue_name', 'text')
		.addColumn('venue_address', 'text')
		.addColumn('venue_insee_code', 'text')
		.addColumn('venue_commune', 'text')
		.addColumn('venue_departement', 'text')
		.addColumn('online_url', 'text')
		.addColumn('label_status', 'text', (c) => c.notNull())
		.addColumn('label_requested_on', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.addColumn('published_at', timestamp)
		.execute();
	await db.schema.createIndex('event_status_starts_idx').on('event').columns(['status', 'starts_at']).execute();

	await db.schema
		.createTable('event_organiser')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('siret', 'text')
		.addColumn('rna', 'text')
		.addColumn('role', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('event_organiser_event_idx').on('event_organiser').column('event_id').execute();

	await db.schema
		.createTable('event_member')
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('event_member_pk', ['event_id', 'user_id'])
		.execute();
	await db.schema.createIndex('event_member_user_idx').on('event_member').column('user_id').execute();

	await db.schema
		.createTable('mail_message')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('event_id', 'text', (c) => c.references('event.id').onDelete('set null'))
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('html_body', 'text', (c) => c.notNull())
		.addColumn('attachments', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', timestamp, (c) => c.notNull())
		.addColumn('locked_until', timestamp)
		.addColumn('locked_by', 'text')
		.addColumn('last_error', 'text')
		.addColumn('sent_at', timestamp)
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('mail_message_due_idx').on('mail_message').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'mail_message',
		'event_member',
		'event_organiser',
		'event',
		'setting',
		'api_token',
		'verification',
		'account',
		'auth_session',
		'user'
	]) {
		await db.schema.dropTable(t).execute();
	}
}

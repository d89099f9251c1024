import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

/** Registrations, waiting lists, custom questions, check-in, reminders and the audit log. */
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);

	await db.schema
		.createTable('event_registration_settings')
		.addColumn('event_id', 'text', (c) => c.primaryKey().references('event.id').onDelete('cascade'))
		.addColumn('capacity', 'integer')
		.addColumn('opens_at', timestamp)
		.addColumn('closes_at', timestamp)
		.addColumn('waitlist_enabled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('reminder_j7_enabled', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('reminder_j1_enabled', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('reminder_j7_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reminder_j1_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('lock_seq', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('registration')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('first_name', 'text', (c) => c.notNull())
		.addColumn('last_name', 'text', (c) => c.notNull())
		.addColumn('structure_name', 'text', (c) => c.notNull())
		.addColumn('structure_type', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('insee_code', 'text')
		.addColumn('commune', 'text')
		.addColumn('departement', 'text')
		.addColumn('half_days', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('accessibility', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('accessibility_details', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('meal', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('diets', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('diet_details', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('consent_terms_at', timestamp)
		.addColumn('consent_newsletter', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('consent_photos', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('consent_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('lang', 'text', (c) => c.notNull().defaultTo('fr'))
		.addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('checkin_code', 'text', (c) => c.notNull().unique())
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.addColumn('waitlisted_at', timestamp)
		.addColumn('cancelled_at', timestamp)
		.addColumn('link_resent_at', timestamp)
		.execute();
	// One registration per person and event: what makes registering twice change nothing.
	await db.schema.createIndex('registration_event_email_uq').on('registration').columns(['event_id', 'email']).unique().execute();
	await db.schema.createIndex('registration_event_status_idx').on('registration').columns(['event_id', 'status']).execute();

	await db.schema
		.createTable('registration_session')
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('session_id', 'text', (c) => c.notNull().references('session.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('requested_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('registration_session_pk', ['registration_id', 'session_id'])
		.execute();
	await db.schema
		.createIndex('registration_session_queue_idx')
		.on('registration_session')
		.columns(['session_id', 'status', 'requested_at'])
		.execute();

	await db.schema
		.createTable('registration_question')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('registration_question_event_idx').on('registration_question').columns(['event_id', 'position']).execute();

	await db.schema
		.createTable('registration_answer')
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('question_id', 'text', (c) => c.notNull().references('registration_question.id').onDelete('cascade'))
		.addColumn('value', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('registration_answer_pk', ['registration_id', 'question_id'])
		.execute();

	await db.schema
		.createTable('checkin')
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('half_day', 'text', (c) => c.notNull())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('checked_in_at', timestamp, (c) => c.notNull())
		.addColumn('checked_in_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('method', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('checkin_pk', ['registration_id', 'half_day'])
		.execute();
	await db.schema.createIndex('checkin_event_half_day_idx').on('checkin').columns(['event_id', 'half_day']).execute();

	await db.schema
		.createTable('registration_reminder')
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('queued_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('registration_reminder_pk', ['registration_id', 'kind'])
		.execute();

	await db.schema
		.createTable('registration_token')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('registration_id', 'text', (c) => c.notNull().references('registration.id').onDelete('cascade'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('registration_token_registration_idx').on('registration_token').column('registration_id').execute();

	// No foreign keys on purpose: the log outlives the events and the people it mentions.
	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', timestamp, (c) => c.notNull())
		.addColumn('actor_id', 'text')
		.addColumn('actor_label', 'text', (c) => c.notNull())
		.addColumn('event_id', 'text')
		.addColumn('event_label', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();
	await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
	await db.schema.createIndex('audit_log_event_idx').on('audit_log').columns(['event_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'audit_log',
		'registration_token',
		'registration_reminder',
		'checkin',
		'registration_answer',
		'registration_question',
		'registration_session',
		'registration',
		'event_registration_settings'
	])
		await db.schema.dropTable(table).ifExists().execute();
}

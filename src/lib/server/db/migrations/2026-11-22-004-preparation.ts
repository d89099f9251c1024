import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Preparation: retro-planning, committee, meetings, time, logistics checklist, Cerfa budget.
// Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);

	await db.schema
		.createTable('committee_member')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('structure_id', 'text', (c) => c.references('committee_member.id').onDelete('set null'))
		.addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('custom_role', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('email', 'text')
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('committee_member_event_idx').on('committee_member').column('event_id').execute();

	await db.schema
		.createTable('planning_task')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('phase', 'text', (c) => c.notNull())
		.addColumn('offset_days', 'integer')
		.addColumn('fixed_date', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('owner_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('owner_committee_id', 'text', (c) => c.references('committee_member.id').onDelete('set null'))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('template_key', 'text')
		.addColumn('completed_at', timestamp)
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('planning_task_event_idx').on('planning_task').column('event_id').execute();

	await db.schema
		.createTable('meeting')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('held_on', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('duration_minutes', 'integer')
		.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('other_attendees', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('decisions', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('meeting_event_idx').on('meeting').columns(['event_id', 'held_on']).execute();

	await db.schema
		.createTable('meeting_attendee')
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('meeting.id').onDelete('cascade'))
		.addColumn('committee_member_id', 'text', (c) => c.notNull().references('committee_member.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('meeting_attendee_pk', ['meeting_id', 'committee_member_id'])
		.execute();
	await db.schema.createIndex('meeting_attendee_member_idx').on('meeting_attendee').column('committee_member_id').execute();

	await db.schema
		.createTable('time_entry')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('committee_member_id', 'text', (c) => c.notNull().references('committee_member.id').onDelete('cascade'))
		.addColumn('phase', 'text', (c) => c.notNull())
		.addColumn('minutes', 'integer', (c) => c.notNull())
		.addColumn('spent_on', 'text')
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('time_entry_event_idx').on('time_entry').column('event_id').execute();
	await db.schema.createIndex('time_entry_member_idx').on('time_entry').column('committee_member_id').execute();

	await db.schema
		.createTable('logistics_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('capacity', 'integer')
		.addColumn('offset_days', 'integer')
		.addColumn('fixed_date', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('owner_user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('owner_committee_id', 'text', (c) => c.references('committee_member.id').onDelete('set null'))
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('template_key', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('logistics_item_event_idx').on('logistics_item').column('event_id').execute();

	await db.schema
		.createTable('budget_line')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('account', 'text', (c) => c.notNull())
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('funder', 'text')
		.addColumn('planned_cents', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('actual_cents', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('staff_member_id', 'text', (c) => c.references('committee_member.id').onDelete('set null'))
		.addColumn('planned_days_x100', 'integer')
		.addColumn('actual_days_x100', 'integer')
		.addColumn('daily_cost_cents', 'integer')
		.addColumn('source', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('budget_line_event_idx').on('budget_line').column('event_id').execute();

	await db.schema
		.createTable('planning_feed')
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('planning_feed_pk', ['event_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('planning_digest_recipient')
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('opted_out', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('planning_digest_recipient_pk', ['event_id', 'address'])
		.execute();

	await db.schema
		.createTable('planning_digest')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('iso_week', 'text', (c) => c.notNull())
		.addColumn('task_count', 'integer', (c) => c.notNull())
		.addColumn('mail_id', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addUniqueConstraint('planning_digest_once_a_week', ['event_id', 'address', 'iso_week'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'planning_digest',
		'planning_digest_recipient',
		'planning_feed',
		'budget_line',
		'logistics_item',
		'time_entry',
		'meeting_attendee',
		'meeting',
		'planning_task',
		'committee_member'
	])
		await db.schema.dropTable(t).execute();
}

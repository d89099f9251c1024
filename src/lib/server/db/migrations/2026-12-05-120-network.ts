import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The network the event leaves behind: people who opted in to a directory (participants through
// their registration, signed-in people through their account), their needs and offers and the
// contact requests on them, 1:1 meetings during the event's informal times, working groups.
// Every row about a person hangs from `network_profile` with ON DELETE CASCADE: withdrawing (or
// erasing the registration) removes the person everywhere at once.
// Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);

	await db.schema
		.createTable('network_profile')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.references('event.id').onDelete('cascade'))
		.addColumn('registration_id', 'text', (c) => c.unique().references('registration.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.unique().references('user.id').onDelete('cascade'))
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('structure_name', 'text', (c) => c.notNull())
		.addColumn('structure_type', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('departement', 'text')
		.addColumn('activity', 'text', (c) => c.notNull())
		.addColumn('needs', 'text', (c) => c.notNull())
		.addColumn('offers', 'text', (c) => c.notNull())
		.addColumn('themes', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('network_profile_event_idx').on('network_profile').column('event_id').execute();

	await db.schema
		.createTable('network_event_setting')
		.addColumn('event_id', 'text', (c) => c.primaryKey().references('event.id').onDelete('cascade'))
		.addColumn('meeting_point', 'text', (c) => c.notNull())
		.addColumn('open_days_after', 'integer', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('network_post')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('profile_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('event_id', 'text', (c) => c.references('event.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('theme', 'text', (c) => c.notNull())
		.addColumn('departement', 'text')
		.addColumn('ends_on', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('network_post_profile_idx').on('network_post').column('profile_id').execute();
	await db.schema.createIndex('network_post_kind_idx').on('network_post').columns(['kind', 'category']).execute();

	await db.schema
		.createTable('network_contact')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('post_id', 'text', (c) => c.notNull().references('network_post.id').onDelete('cascade'))
		.addColumn('from_profile_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('decided_at', timestamp)
		.addUniqueConstraint('network_contact_once', ['post_id', 'from_profile_id'])
		.execute();
	await db.schema.createIndex('network_contact_from_idx').on('network_contact').columns(['from_profile_id', 'created_at']).execute();

	await db.schema
		.createTable('network_meeting')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('requester_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('invitee_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('ends_at', 'text', (c) => c.notNull())
		.addColumn('place', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('decided_at', timestamp)
		.execute();
	await db.schema.createIndex('network_meeting_event_idx').on('network_meeting').column('event_id').execute();
	await db.schema.createIndex('network_meeting_invitee_idx').on('network_meeting').column('invitee_id').execute();
	await db.schema.createIndex('network_meeting_requester_idx').on('network_meeting').column('requester_id').execute();

	// One row per person and accepted slot: the primary key is what stops a double booking, even
	// when two acceptances race (the second insert fails).
	await db.schema
		.createTable('network_meeting_booking')
		.addColumn('profile_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('starts_at', 'text', (c) => c.notNull())
		.addColumn('meeting_id', 'text', (c) => c.notNull().references('network_meeting.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('network_meeting_booking_pk', ['profile_id', 'starts_at'])
		.execute();
	await db.schema.createIndex('network_meeting_booking_meeting_idx').on('network_meeting_booking').column('meeting_id').execute();

	await db.schema
		.createTable('working_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('session_id', 'text', (c) => c.references('session.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('purpose', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('next_meeting_at', 'text')
		.addColumn('next_meeting_minutes', 'integer')
		.addColumn('next_meeting_place', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('working_group_event_idx').on('working_group').column('event_id').execute();

	await db.schema
		.createTable('working_group_member')
		.addColumn('group_id', 'text', (c) => c.notNull().references('working_group.id').onDelete('cascade'))
		.addColumn('profile_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('joined_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('working_group_member_pk', ['group_id', 'profile_id'])
		.execute();
	await db.schema.createIndex('working_group_member_profile_idx').on('working_group_member').column('profile_id').execute();

	await db.schema
		.createTable('working_group_note')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('group_id', 'text', (c) => c.notNull().references('working_group.id').onDelete('cascade'))
		.addColumn('author_profile_id', 'text', (c) => c.references('network_profile.id').onDelete('set null'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('url', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('working_group_note_group_idx').on('working_group_note').column('group_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'working_group_note',
		'working_group_member',
		'working_group',
		'network_meeting_booking',
		'network_meeting',
		'network_contact',
		'network_post',
		'network_event_setting',
		'network_profile'
	])
		await db.schema.dropTable(table).execute();
}

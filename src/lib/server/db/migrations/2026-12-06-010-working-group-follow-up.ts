import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Working groups, between two editions: when a group's next meeting and status last changed (the
// weekly digest tells members), its status at the next edition and its public outputs (the next
// edition's programme page and report show them), the weekly digests sent to members (one per
// person and ISO week, each with its own opt-out link, of which only the hash is kept), the
// members' opt-outs, and invitations by e-mail (hashed link, used once).
// Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);

	await db.schema.alterTable('working_group').addColumn('meeting_changed_at', timestamp).execute();
	await db.schema.alterTable('working_group').addColumn('status_changed_at', timestamp).execute();
	await db.schema
		.alterTable('working_group')
		.addColumn('next_status', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.alterTable('working_group')
		.addColumn('outputs', 'text', (c) => c.notNull().defaultTo(''))
		.execute();

	await db.schema
		.createTable('working_group_digest_opt_out')
		.addColumn('profile_id', 'text', (c) => c.primaryKey().references('network_profile.id').onDelete('cascade'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('working_group_digest')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('profile_id', 'text', (c) => c.notNull().references('network_profile.id').onDelete('cascade'))
		.addColumn('iso_week', 'text', (c) => c.notNull())
		.addColumn('opt_out_hash', 'text', (c) => c.notNull().unique())
		.addColumn('mail_id', 'text')
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addUniqueConstraint('working_group_digest_once', ['profile_id', 'iso_week'])
		.execute();

	await db.schema
		.createTable('working_group_invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('group_id', 'text', (c) => c.notNull().references('working_group.id').onDelete('cascade'))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('used_at', timestamp)
		.addColumn('profile_id', 'text', (c) => c.references('network_profile.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('working_group_invitation_group_idx').on('working_group_invitation').column('group_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['working_group_invitation', 'working_group_digest', 'working_group_digest_opt_out'])
		await db.schema.dropTable(table).execute();
	for (const column of ['outputs', 'next_status', 'status_changed_at', 'meeting_changed_at'])
		await db.schema.alterTable('working_group').dropColumn(column).execute();
}

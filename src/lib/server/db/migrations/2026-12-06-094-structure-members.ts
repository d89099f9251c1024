import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The members of a structure of the directory: signed-in people who asked to be attached to it
// and were accepted by a moderator or by one of its members. A member edits the structure's name,
// type and commune and its places directly, without waiting for a moderator. Structures are
// gathered on read: `structure_id` is the directory's id (`siret-…`, `rna-…`, `nom-…`).
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('directory_structure_member')
		.addColumn('structure_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('decided_at', timestamp)
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addPrimaryKeyConstraint('directory_structure_member_pk', ['structure_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('directory_structure_member_status_idx')
		.on('directory_structure_member')
		.columns(['status', 'created_at'])
		.execute();
	await db.schema.createIndex('directory_structure_member_user_idx').on('directory_structure_member').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('directory_structure_member').execute();
}

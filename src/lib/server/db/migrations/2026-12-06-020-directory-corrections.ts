import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Corrections suggested by anyone on a place or a structure of the directory, pending until a
// moderator accepts (the value is applied) or refuses them; and the corrections accepted on
// structures, which are gathered on read and have no row of their own to change.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('directory_suggestion')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('target_kind', 'text', (c) => c.notNull())
		.addColumn('target_id', 'text', (c) => c.notNull())
		.addColumn('target_name', 'text', (c) => c.notNull())
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('email', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.addColumn('decided_at', timestamp)
		.addColumn('decided_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema.createIndex('directory_suggestion_status_idx').on('directory_suggestion').columns(['status', 'created_at']).execute();
	await db.schema
		.createIndex('directory_suggestion_target_idx')
		.on('directory_suggestion')
		.columns(['target_kind', 'target_id', 'status'])
		.execute();
	await db.schema
		.createTable('directory_structure_correction')
		.addColumn('structure_id', 'text', (c) => c.notNull())
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('updated_at', timestamp, (c) => c.notNull())
		.addPrimaryKeyConstraint('directory_structure_correction_pk', ['structure_id', 'field'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('directory_structure_correction').execute();
	await db.schema.dropTable('directory_suggestion').execute();
}

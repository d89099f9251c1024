import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The directory's structures are gathered on read (directory/structure.service.ts); when two of
// them are one organisation under two spellings, a moderator merges them: one row per merged id,
// read by the gathering. Undoing a merge deletes its row. Once merged, never edited.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('directory_structure_merge')
		.addColumn('from_id', 'text', (c) => c.primaryKey())
		.addColumn('into_id', 'text', (c) => c.notNull())
		.addColumn('merged_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('merged_at', timestamp, (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('directory_structure_merge').execute();
}

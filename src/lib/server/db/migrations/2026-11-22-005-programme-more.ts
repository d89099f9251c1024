import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Programme, second step: when a speaker was invited by e-mail and when they answered, so that
// organisers see who to remind. Once merged, a migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema.alterTable('speaker').addColumn('invited_at', timestamp).execute();
	await db.schema.alterTable('speaker').addColumn('responded_at', timestamp).execute();
	await db.schema.createIndex('session_resource_file_idx').on('session_resource').column('file_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('session_resource_file_idx').execute();
	await db.schema.alterTable('speaker').dropColumn('responded_at').execute();
	await db.schema.alterTable('speaker').dropColumn('invited_at').execute();
}

import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// The public event page's banner and the logos of its organisers and funders. Each image is kept
// at a few widths (rows of `stored_file`, listed in `variants` as JSON [{ width, fileId }]) so
// that the page offers them through `srcset`; deleting the event deletes them all.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('event_image')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		/** `banner` (one per event), `organiser` or `funder` (logos). */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('link', 'text')
		.addColumn('alt', 'text', (c) => c.notNull())
		.addColumn('width', 'integer', (c) => c.notNull())
		.addColumn('height', 'integer', (c) => c.notNull())
		.addColumn('variants', 'text', (c) => c.notNull())
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('event_image_event').on('event_image').columns(['event_id', 'kind', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('event_image').execute();
}

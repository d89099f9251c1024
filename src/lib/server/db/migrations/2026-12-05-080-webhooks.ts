import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

// Webhooks: the URLs an event's team registers, and a durable queue of deliveries, like the
// outbox (claimed with a lease, retried with backoff, each delivered once). Once merged, a
// migration is never edited: add a new file instead.
export async function up(db: Kysely<any>): Promise<void> {
	const { timestamp } = columnTypes(db);
	await db.schema
		.createTable('webhook_endpoint')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
		.addColumn('url', 'text', (c) => c.notNull())
		.addColumn('events', 'text', (c) => c.notNull())
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('webhook_endpoint_event_idx').on('webhook_endpoint').column('event_id').execute();
	await db.schema
		.createTable('webhook_delivery')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoint.id').onDelete('cascade'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', timestamp, (c) => c.notNull())
		.addColumn('locked_until', timestamp)
		.addColumn('locked_by', 'text')
		.addColumn('last_status', 'integer')
		.addColumn('last_error', 'text')
		.addColumn('delivered_at', timestamp)
		.addColumn('created_at', timestamp, (c) => c.notNull())
		.execute();
	await db.schema.createIndex('webhook_delivery_due_idx').on('webhook_delivery').columns(['status', 'next_attempt_at']).execute();
	await db.schema.createIndex('webhook_delivery_endpoint_idx').on('webhook_delivery').columns(['endpoint_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('webhook_delivery').execute();
	await db.schema.dropTable('webhook_endpoint').execute();
}

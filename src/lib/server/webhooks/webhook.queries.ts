/** All Kysely code of the webhooks: endpoints and the delivery queue. */
import type { Insertable, Selectable } from 'kysely';
import type { Db, DbOrTx, Dialect } from '../db/index.ts';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../db/tables/webhooks.ts';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertWebhookEndpoint(db: DbOrTx, row: Insertable<WebhookEndpointTable>): Promise<void> {
	await db.insertInto('webhook_endpoint').values(row).execute();
}

export function listWebhookEndpoints(db: DbOrTx, eventId: string): Promise<WebhookEndpointRow[]> {
	return db.selectFrom('webhook_endpoint').selectAll().where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute();
}

export function findWebhookEndpoint(db: DbOrTx, eventId: string, id: string): Promise<WebhookEndpointRow | undefined> {
	return db.selectFrom('webhook_endpoint').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function deleteWebhookEndpoint(db: DbOrTx, eventId: string, id: string): Promise<boolean> {
	const res = await db.deleteFrom('webhook_endpoint').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(res.numDeletedRows) === 1;
}

export async function insertWebhookDeliveries(db: DbOrTx, rows: Insertable<WebhookDeliveryTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('webhook_delivery').values(rows).execute();
}

/** The latest deliveries of an endpoint, newest first. */
export function listWebhookDeliveries(db: DbOrTx, endpointId: string, limit: number): Promise<WebhookDeliveryRow[]> {
	return db
		.selectFrom('webhook_delivery')
		.selectAll()
		.where('endpoint_id', '=', endpointId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** The newest delivery of each of `endpointIds` (one query). */
export async function latestWebhookDeliveries(db: DbOrTx, endpointIds: string[]): Promise<Map<string, WebhookDeliveryRow>> {
	if (endpointIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('webhook_delivery')
		.selectAll()
		.where('endpoint_id', 'in', endpointIds)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	const out = new Map<string, WebhookDeliveryRow>();
	for (const r of rows) if (!out.has(r.endpoint_id)) out.set(r.endpoint_id, r);
	return out;
}

/**
 * Takes the oldest due delivery in one statement, as the outbox does (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL; SQLite's single writer makes the UPDATE atomic): due means pending and its time
 * has come, or `sending` by a worker whose lease ran out.
 */
export function claimDueWebhookDelivery(
	db: Db,
	dialect: Dialect,
	args: { workerId: string; nowIso: string; lockedUntilIso: string }
): Promise<WebhookDeliveryRow | undefined> {
	const { workerId, nowIso, lockedUntilIso } = args;
	return db
		.updateTable('webhook_delivery')
		.set((eb) => ({ status: 'sending', locked_by: workerId, locked_until: lockedUntilIso, attempts: eb('attempts', '+', 1) }))
		.where('id', '=', (eb) =>
			eb
				.selectFrom('webhook_delivery')
				.select('id')
				.where((w) =>
					w.or([
						w.and([w('status', '=', 'pending'), w('next_attempt_at', '<=', nowIso)]),
						w.and([w('status', '=', 'sending'), w('locked_until', '<', nowIso)])
					])
				)
				.orderBy('next_attempt_at')
				.orderBy('created_at')
				.limit(1)
				.$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
		)
		.returningAll()
		.executeTakeFirst();
}

export function findEndpointById(db: DbOrTx, id: string): Promise<WebhookEndpointRow | undefined> {
	return db.selectFrom('webhook_endpoint').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records the outcome of an attempt while `workerId` still holds the delivery; returns whether it did. */
export async function updateWebhookDeliveryOutcome(
	db: DbOrTx,
	args: {
		id: string;
		workerId: string;
		status: 'delivered' | 'pending' | 'failed';
		httpStatus: number | null;
		error: string | null;
		nextAttemptAtIso: string;
		deliveredAtIso: string | null;
	}
): Promise<boolean> {
	const res = await db
		.updateTable('webhook_delivery')
		.set({
			status: args.status,
			last_status: args.httpStatus,
			last_error: args.error,
			next_attempt_at: args.nextAttemptAtIso,
			delivered_at: args.deliveredAtIso,
			locked_until: null
		})
		.where('id', '=', args.id)
		.where('status', '=', 'sending')
		.where('locked_by', '=', args.workerId)
		.executeTakeFirst();
	return Number(res.numUpdatedRows) === 1;
}

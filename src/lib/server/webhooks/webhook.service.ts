/**
 * Webhooks of an event: its team registers URLs (checked against the SSRF rules of
 * `url-policy.ts`), and the services of other areas call `emitWebhook` inside their own
 * transaction, which queues one delivery per subscribed endpoint: a change rolled back sends
 * nothing, a committed one is delivered by the worker (`webhook-worker.ts`) even after a restart.
 */
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../db/index.ts';
import { newRowId } from '../db/row-id.ts';
import { nowIso, toIso } from '../db/time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { findEventBySlug } from '../events/event.queries.ts';
import { secureRandomBytes } from '../random.ts';
import { NotFoundError, ValidationError, parseOrThrow } from '../validation.ts';
import {
	deleteWebhookEndpoint,
	findWebhookEndpoint,
	insertWebhookDeliveries,
	insertWebhookEndpoint,
	latestWebhookDeliveries,
	listWebhookDeliveries,
	listWebhookEndpoints,
	type WebhookDeliveryRow,
	type WebhookEndpointRow
} from './webhook.queries.ts';
import { webhookInputSchema, WEBHOOK_EVENTS, type WebhookDeliveryView, type WebhookEventType, type WebhookView } from './webhook.schema.ts';
import { resolveWebhookTarget, webhookUrlPolicy, type UrlPolicy } from './url-policy.ts';

export interface WebhookContext {
	db: DbOrTx;
	/** The SSRF policy; this process's (`WEBHOOK_ALLOW_LOCALHOST`) when absent. */
	urlPolicy?: UrlPolicy;
}

/** At most this many endpoints per event: each emitted change is queued once per endpoint. */
const MAX_ENDPOINTS = 10;

async function eventFor(ctx: WebhookContext, actor: Actor, slug: string, action: 'view' | 'edit') {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, action);
	return event;
}

const eventsOf = (row: WebhookEndpointRow): WebhookEventType[] =>
	(JSON.parse(row.events) as string[]).filter((e): e is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(e));

function toView(row: WebhookEndpointRow, last: WebhookDeliveryRow | undefined): WebhookView {
	return {
		id: row.id,
		url: row.url,
		events: eventsOf(row),
		createdAt: toIso(row.created_at),
		lastDelivery: last
			? {
					type: last.type,
					status: last.status as WebhookDeliveryView['status'],
					httpStatus: last.last_status === null ? null : Number(last.last_status),
					at: toIso(last.delivered_at ?? last.created_at)
				}
			: null
	};
}

function toDeliveryView(row: WebhookDeliveryRow): WebhookDeliveryView {
	return {
		id: row.id,
		type: row.type,
		status: row.status as WebhookDeliveryView['status'],
		attempts: Number(row.attempts),
		httpStatus: row.last_status === null ? null : Number(row.last_status),
		error: row.last_error,
		createdAt: toIso(row.created_at),
		deliveredAt: row.delivered_at ? toIso(row.delivered_at) : null,
		nextAttemptAt: row.status === 'pending' ? toIso(row.next_attempt_at) : null
	};
}

/** A new signing secret: `whsec_` and 24 random bytes in base64 (Standard Webhooks). */
function newSecret(): string {
	return `whsec_${secureRandomBytes(24).toString('base64')}`;
}

/**
 * Registers an endpoint (team members who may edit the event). The URL is refused with a
 * ValidationError on `url` unless https (or http://localhost when allowed) and resolving only to
 * public addresses. Returns the endpoint with its secret, which is never shown again.
 */
export async function createWebhook(
	ctx: WebhookContext,
	actor: Actor,
	slug: string,
	input: unknown
): Promise<WebhookView & { secret: string }> {
	const event = await eventFor(ctx, actor, slug, 'edit');
	const data = parseOrThrow(webhookInputSchema, input);
	const target = await resolveWebhookTarget(data.url, ctx.urlPolicy ?? webhookUrlPolicy());
	if ('problem' in target) throw new ValidationError([{ field: 'url', message: target.problem }]);
	if ((await listWebhookEndpoints(ctx.db, event.id)).length >= MAX_ENDPOINTS)
		throw new ValidationError([{ field: 'url', message: 'webhooks.errors.tooMany', params: { max: MAX_ENDPOINTS } }]);
	const row = {
		id: randomUUID(),
		event_id: event.id,
		url: data.url,
		events: JSON.stringify([...new Set(data.events)]),
		secret: newSecret(),
		created_by: actor?.id ?? null,
		created_at: nowIso()
	};
	await insertWebhookEndpoint(ctx.db, row);
	return { ...toView(row, undefined), secret: row.secret };
}

/** The event's endpoints with their last delivery (team members). */
export async function listWebhooks(ctx: WebhookContext, actor: Actor, slug: string): Promise<WebhookView[]> {
	const event = await eventFor(ctx, actor, slug, 'view');
	const rows = await listWebhookEndpoints(ctx.db, event.id);
	const last = await latestWebhookDeliveries(
		ctx.db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => toView(r, last.get(r.id)));
}

/** Removes an endpoint and its delivery log; NotFoundError when it is not this event's. */
export async function deleteWebhook(ctx: WebhookContext, actor: Actor, slug: string, id: string): Promise<void> {
	const event = await eventFor(ctx, actor, slug, 'edit');
	if (!(await deleteWebhookEndpoint(ctx.db, event.id, id))) throw new NotFoundError('webhook');
}

/** The endpoint's latest 50 deliveries, newest first (team members). */
export async function listDeliveries(ctx: WebhookContext, actor: Actor, slug: string, id: string): Promise<WebhookDeliveryView[]> {
	const event = await eventFor(ctx, actor, slug, 'view');
	if (!(await findWebhookEndpoint(ctx.db, event.id, id))) throw new NotFoundError('webhook');
	return (await listWebhookDeliveries(ctx.db, id, 50)).map(toDeliveryView);
}

/** Queues a `webhook.test` delivery to one endpoint, whatever it subscribes to. */
export async function sendTestWebhook(ctx: WebhookContext, actor: Actor, slug: string, id: string): Promise<WebhookDeliveryView> {
	const event = await eventFor(ctx, actor, slug, 'edit');
	const endpoint = await findWebhookEndpoint(ctx.db, event.id, id);
	if (!endpoint) throw new NotFoundError('webhook');
	const [row] = deliveryRows([endpoint], 'webhook.test', { event: { id: event.id, slug: event.slug } });
	await insertWebhookDeliveries(ctx.db, [row]);
	return toDeliveryView(row as WebhookDeliveryRow);
}

function deliveryRows(endpoints: WebhookEndpointRow[], type: string, data: Record<string, unknown>) {
	const now = nowIso();
	return endpoints.map((e) => {
		const id = `msg_${newRowId()}`;
		return {
			id,
			endpoint_id: e.id,
			type,
			// Standard Webhooks' payload shape; the body is stored as sent, so a retry sends the same bytes.
			payload: JSON.stringify({ type, timestamp: now, data }),
			status: 'pending',
			attempts: 0,
			next_attempt_at: now,
			locked_until: null,
			locked_by: null,
			last_status: null,
			last_error: null,
			delivered_at: null,
			created_at: now
		};
	});
}

// A batch of registrations shares one transaction (registration-quota.ts): the event's endpoints
// are read once per transaction and event, not once per registration under the event's lock.
const endpointsByTx = new WeakMap<DbOrTx, Map<string, Promise<WebhookEndpointRow[]>>>();

function endpointsInTransaction(db: DbOrTx, eventId: string): Promise<WebhookEndpointRow[]> {
	if (!db.isTransaction) return listWebhookEndpoints(db, eventId);
	let byEvent = endpointsByTx.get(db);
	if (!byEvent) endpointsByTx.set(db, (byEvent = new Map()));
	let rows = byEvent.get(eventId);
	if (!rows) byEvent.set(eventId, (rows = listWebhookEndpoints(db, eventId)));
	return rows;
}

/** What each event type carries in `data` (ids and the event's slug: consumers read details through the API). */
export interface WebhookPayloads {
	'registration.created': { event: { id: string; slug: string }; registration: { id: string; status: string } };
	'registration.cancelled': { event: { id: string; slug: string }; registration: { id: string } };
	'registration.promoted': { event: { id: string; slug: string }; registration: { id: string }; sessionId: string | null };
	'checkin.created': { event: { id: string; slug: string }; registration: { id: string }; halfDay: string };
	'survey.answered': { event: { id: string; slug: string }; survey: { id: string }; response: { id: string } };
	'event.updated': { event: { id: string; slug: string } };
}

/**
 * Queues `type` for every endpoint of `eventId` subscribed to it, in the caller's transaction
 * `db` (one query to find them, one insert). Call it from a service, inside the change's own
 * transaction; cheap when the event has no endpoint.
 */
export async function emitWebhook<T extends WebhookEventType>(
	db: DbOrTx,
	eventId: string,
	type: T,
	data: WebhookPayloads[T]
): Promise<void> {
	const endpoints = (await endpointsInTransaction(db, eventId)).filter((e) => eventsOf(e).includes(type));
	await insertWebhookDeliveries(db, deliveryRows(endpoints, type, data as unknown as Record<string, unknown>));
}

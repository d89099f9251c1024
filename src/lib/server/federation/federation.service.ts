/**
 * Federation: this instance follows other Maillage instances by reading their public JSON feed
 * (`/events.json`, schema.org) on a schedule. Each read replaces that instance's events as a
 * whole (removed or unpublished events disappear, none is doubled); a feed that is slow, too
 * big, malformed or in error is skipped (its previous events stay) and the rest goes on; beyond
 * MAX_EVENTS the feed is cut. Only plain text is kept, and pages escape it like any other text.
 */
import { z } from 'zod';
import { nowIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { PeriodicJob } from '../jobs.ts';
import { withTx } from '../tx.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import {
	deleteInstance,
	findInstanceById,
	findInstanceByUrl,
	insertInstance,
	listInstanceRows,
	replaceRemoteEvents,
	updateInstanceStatus,
	type FollowedInstanceRow,
	type RemoteEventRow
} from './federation.queries.ts';

export const FEED_LIMITS = { timeoutMs: 10_000, maxBytes: 5_000_000, maxEvents: 2_000 };
export type FeedLimits = typeof FEED_LIMITS;

function assertAdmin(actor: Actor): NonNullable<Actor> {
	if (!actor) throw new NotFoundError('actor');
	if (!actor.isAdmin) throw new ForbiddenError('admin');
	return actor;
}

const followSchema = z.strictObject({
	/** `json`: read `/events.json` on a schedule; `activitypub`: follow the instance's actor. */
	protocol: z.enum(['json', 'activitypub'], { error: 'errors.invalidChoice' }).default('json'),
	url: z
		.string({ error: 'errors.required' })
		.trim()
		.min(1, { error: 'errors.required' })
		.max(300, { error: 'errors.tooLong' })
		.refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), { error: 'errors.url' })
		.transform((v) => {
			const u = new URL(v);
			return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
		})
});

const text = (max: number) => z.string().trim().max(max);
const date = z.string().refine((v) => !Number.isNaN(Date.parse(v)));
const feedEventSchema = z.object({
	'@id': z.string().max(500),
	name: text(300).min(1),
	startDate: date,
	endDate: date,
	eventAttendanceMode: z.string().max(100).optional(),
	keywords: text(2000).optional(),
	location: z.object({ address: z.object({ addressLocality: text(200).optional() }).optional() }).optional(),
	organizer: z
		.array(z.object({ name: text(300) }))
		.max(50)
		.optional(),
	additionalProperty: z
		.array(z.object({ propertyID: z.string().max(50), value: z.unknown() }))
		.max(20)
		.optional()
});

export interface InstanceView {
	id: string;
	url: string;
	protocol: 'json' | 'activitypub';
	status: string;
	error: string | null;
	fetchedAt: string | null;
	events: number;
}

const toView = (r: FollowedInstanceRow): InstanceView => ({
	id: r.id,
	url: r.url,
	protocol: r.protocol === 'activitypub' ? 'activitypub' : 'json',
	status: r.status,
	error: r.error,
	fetchedAt: r.fetched_at ? new Date(r.fetched_at).toISOString() : null,
	events: Number(r.event_count)
});

/** The followed instances (administrators only). */
export async function listFollowedInstances(ctx: ServiceContext, actor: Actor): Promise<InstanceView[]> {
	assertAdmin(actor);
	return (await listInstanceRows(ctx.db)).map(toView);
}

/** Follows an instance by its base URL (administrators only); its events come at the next read. */
export async function followInstance(ctx: ServiceContext, actor: Actor, input: unknown): Promise<InstanceView> {
	const admin = assertAdmin(actor);
	const { url, protocol } = parseOrThrow(followSchema, input);
	if (url === ctx.publicUrl.replace(/\/+$/, '')) throw new ValidationError([{ field: 'url', message: 'national.errors.followSelf' }]);
	if (await findInstanceByUrl(ctx.db, url)) throw new ConflictError([{ field: 'url', message: 'national.errors.alreadyFollowed' }]);
	const row: FollowedInstanceRow = {
		id: crypto.randomUUID(),
		url,
		added_by: admin.id,
		created_at: nowIso(),
		fetched_at: null,
		status: 'pending',
		error: null,
		event_count: 0,
		protocol,
		// A Maillage instance's actor; any other server's actor when the URL names one.
		actor_url: protocol === 'activitypub' ? (new URL(url).pathname.length > 1 ? url : `${url}/ap/actors/instance`) : null
	};
	await insertInstance(ctx.db, row);
	return toView(row);
}

/** Stops following an instance; its events disappear with it. */
export async function unfollowInstance(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
	assertAdmin(actor);
	if (!(await findInstanceById(ctx.db, id))) throw new NotFoundError('instance');
	await deleteInstance(ctx.db, id);
}

class FeedError extends Error {}

/** The body of `url`, refused past the time and size limits. */
async function readCapped(url: string, limits: FeedLimits): Promise<string> {
	const signal = AbortSignal.timeout(limits.timeoutMs);
	let res: Response;
	try {
		res = await fetch(url, { signal, headers: { accept: 'application/ld+json, application/json' }, redirect: 'error' });
	} catch (e) {
		throw new FeedError(signal.aborted ? 'timeout' : `unreachable: ${e instanceof Error ? e.message : String(e)}`);
	}
	if (res.status !== 200) {
		await res.body?.cancel();
		throw new FeedError(`HTTP ${res.status}`);
	}
	const reader = res.body!.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limits.maxBytes) {
				await reader.cancel();
				throw new FeedError(`larger than ${limits.maxBytes} bytes`);
			}
			chunks.push(value);
		}
	} catch (e) {
		if (e instanceof FeedError) throw e;
		throw new FeedError(signal.aborted ? 'timeout' : 'read failed');
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The feed's events as rows; entries that do not parse, or claim a URL of another site, are dropped. */
export function parseFeed(instance: { id: string; url: string }, body: string, maxEvents: number): RemoteEventRow[] {
	let doc: unknown;
	try {
		doc = JSON.parse(body);
	} catch {
		throw new FeedError('not JSON');
	}
	const elements = (doc as { dataFeedElement?: unknown })?.dataFeedElement;
	if (!Array.isArray(elements)) throw new FeedError('no dataFeedElement');
	const origin = new URL(instance.url).origin;
	const rows = new Map<string, RemoteEventRow>();
	for (const raw of elements) {
		if (rows.size >= maxEvents) break;
		const parsed = feedEventSchema.safeParse(raw);
		if (!parsed.success) continue;
		const e = parsed.data;
		if (!URL.canParse(e['@id']) || new URL(e['@id']).origin !== origin) continue;
		const prop = (id: string) => {
			const v = e.additionalProperty?.find((p) => p.propertyID === id)?.value;
			return typeof v === 'string' && v.length <= 20 ? v : null;
		};
		const mode = e.eventAttendanceMode ?? '';
		const departement = prop('departement');
		rows.set(e['@id'], {
			instance_id: instance.id,
			url: e['@id'],
			title: e.name,
			starts_at: new Date(e.startDate).toISOString(),
			ends_at: new Date(e.endDate).toISOString(),
			format: mode.endsWith('OnlineEventAttendanceMode') ? 'online' : mode.endsWith('MixedEventAttendanceMode') ? 'hybrid' : 'onsite',
			commune: e.location?.address?.addressLocality || null,
			insee_code: prop('codeInsee') && /^[0-9][0-9AB][0-9]{3}$/.test(prop('codeInsee')!) ? prop('codeInsee') : null,
			departement: departement && /^(\d{2,3}|2[AB])$/.test(departement) ? departement : null,
			themes: JSON.stringify(
				(e.keywords ?? '')
					.split(',')
					.map((k) => k.trim())
					.filter(Boolean)
					.slice(0, 10)
			),
			organisers: JSON.stringify((e.organizer ?? []).map((o) => o.name).filter(Boolean)),
			label: ['not_requested', 'requested', 'granted', 'refused'].includes(prop('label') ?? '') ? prop('label')! : 'not_requested'
		});
	}
	return [...rows.values()];
}

/**
 * Reads one instance's feed now and replaces its events; a failure is recorded and its previous
 * events stay. Instances followed over ActivityPub send their events themselves: left as they are.
 */
export async function syncInstance(ctx: ServiceContext, id: string, limits: FeedLimits = FEED_LIMITS): Promise<InstanceView> {
	const instance = await findInstanceById(ctx.db, id);
	if (!instance) throw new NotFoundError('instance');
	if (instance.protocol === 'activitypub') return toView(instance);
	const at = nowIso();
	try {
		const rows = parseFeed(instance, await readCapped(`${instance.url}/events.json`, limits), limits.maxEvents);
		await withTx(ctx.db, async (tx) => {
			await replaceRemoteEvents(tx, instance.id, rows);
			await updateInstanceStatus(tx, instance.id, { fetched_at: at, status: 'ok', error: null, event_count: rows.length });
		});
	} catch (e) {
		if (!(e instanceof FeedError)) throw e;
		await updateInstanceStatus(ctx.db, instance.id, { fetched_at: at, status: 'error', error: e.message });
	}
	return toView((await findInstanceById(ctx.db, id))!);
}

/** The same, for administrators (the page's and the API's "read now"). */
export async function syncInstanceNow(ctx: ServiceContext, actor: Actor, id: string): Promise<InstanceView> {
	assertAdmin(actor);
	return syncInstance(ctx, id);
}

/** Reads every followed instance, one after the other; one failing does not stop the others. */
export async function syncAllInstances(ctx: ServiceContext, limits: FeedLimits = FEED_LIMITS): Promise<InstanceView[]> {
	const out: InstanceView[] = [];
	for (const i of await listInstanceRows(ctx.db)) if (i.protocol !== 'activitypub') out.push(await syncInstance(ctx, i.id, limits));
	return out;
}

/** The periodic read of followed instances (every 15 minutes). */
export function followedInstancesJob(ctx: ServiceContext): PeriodicJob {
	return { name: 'federation', everyMs: 15 * 60_000, run: () => syncAllInstances(ctx) };
}

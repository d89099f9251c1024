/** All Kysely code of the ActivityPub area: keys, followers, what was announced, Fedify's store. */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { RemoteEventRow } from '../federation/federation.queries.ts';
import { nowIso } from '../db/time.ts';
import { PUBLIC_STATUSES } from '../national/national.queries.ts';

export function listKeyRows(db: DbOrTx, actor: string) {
	return db.selectFrom('ap_key').selectAll().where('actor', '=', actor).orderBy('kind').execute();
}

/** Stores a key pair unless another process stored one first (the stored one wins). */
export async function insertKeyRow(db: DbOrTx, row: { actor: string; kind: string; private_jwk: string; public_jwk: string }) {
	await db
		.insertInto('ap_key')
		.values({ ...row, created_at: nowIso() })
		.onConflict((oc) => oc.columns(['actor', 'kind']).doNothing())
		.execute();
}

export async function upsertFollower(db: DbOrTx, row: { actor: string; follower_id: string; inbox: string; shared_inbox: string | null }) {
	await db
		.insertInto('ap_follower')
		.values({ ...row, created_at: nowIso() })
		.onConflict((oc) => oc.columns(['actor', 'follower_id']).doUpdateSet({ inbox: row.inbox, shared_inbox: row.shared_inbox }))
		.execute();
}

export async function deleteFollower(db: DbOrTx, actor: string, followerId: string): Promise<void> {
	await db.deleteFrom('ap_follower').where('actor', '=', actor).where('follower_id', '=', followerId).execute();
}

export function listFollowerRows(db: DbOrTx, actor: string) {
	return db.selectFrom('ap_follower').selectAll().where('actor', '=', actor).orderBy('created_at').limit(10_000).execute();
}

export async function countFollowers(db: DbOrTx, actor: string): Promise<number> {
	const row = await db
		.selectFrom('ap_follower')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('actor', '=', actor)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Public events (published, archived) with what federation needs, soonest first. */
export function listPublicEventRows(db: DbOrTx) {
	return db.selectFrom('event').selectAll().where('status', 'in', PUBLIC_STATUSES).orderBy('starts_at').limit(5000).execute();
}

export function findPublicEventBySlug(db: DbOrTx, slug: string) {
	return db.selectFrom('event').selectAll().where('slug', '=', slug).where('status', 'in', PUBLIC_STATUSES).executeTakeFirst();
}

export function listAnnouncedRows(db: DbOrTx) {
	return db.selectFrom('ap_announced').selectAll().execute();
}

/** Claims the first announcement of an event: true for the one process that inserted it. */
export async function claimCreate(db: DbOrTx, row: { event_id: string; object_id: string; actors: string; version: string }) {
	const r = await db
		.insertInto('ap_announced')
		.values({ ...row, announced_at: nowIso() })
		.onConflict((oc) => oc.column('event_id').doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Claims an update from `previous` to `row.version`: true for the one process that changed it. */
export async function claimUpdate(db: DbOrTx, previous: string, row: { event_id: string; actors: string; version: string }) {
	const r = await db
		.updateTable('ap_announced')
		.set({ version: row.version, actors: row.actors, announced_at: nowIso() })
		.where('event_id', '=', row.event_id)
		.where('version', '=', previous)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Claims the deletion of an announced event: true for the one process that removed the row. */
export async function claimDelete(db: DbOrTx, eventId: string, version: string) {
	const r = await db.deleteFrom('ap_announced').where('event_id', '=', eventId).where('version', '=', version).executeTakeFirst();
	return Number(r.numDeletedRows) === 1;
}

export function findKv(db: DbOrTx, key: string) {
	return db.selectFrom('ap_kv').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function upsertKv(db: DbOrTx, key: string, value: string, expiresAt: string | null): Promise<void> {
	await db
		.insertInto('ap_kv')
		.values({ key, value, expires_at: expiresAt })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at: expiresAt }))
		.execute();
}

export async function deleteKv(db: DbOrTx, key: string): Promise<void> {
	await db.deleteFrom('ap_kv').where('key', '=', key).execute();
}

/** Entries whose key starts with `prefix` (substr, not LIKE: keys may hold '%' and '_'). */
export function listKvByPrefix(db: DbOrTx, prefix: string) {
	return db
		.selectFrom('ap_kv')
		.selectAll()
		.where(sql<string>`substr(key, 1, ${prefix.length})`, '=', prefix)
		.execute();
}

/** A followed instance by the actor it follows (ActivityPub). */
export function findFollowedByActor(db: DbOrTx, actorUrl: string) {
	return db
		.selectFrom('followed_instance')
		.selectAll()
		.where('protocol', '=', 'activitypub')
		.where('actor_url', '=', actorUrl)
		.executeTakeFirst();
}

export async function setFollowedStatus(db: DbOrTx, id: string, status: string, error: string | null): Promise<void> {
	await db.updateTable('followed_instance').set({ status, error, fetched_at: nowIso() }).where('id', '=', id).execute();
}

export async function upsertRemoteEvent(db: DbOrTx, row: RemoteEventRow) {
	const { instance_id: _i, url: _u, ...rest } = row;
	await db
		.insertInto('remote_event')
		.values(row)
		.onConflict((oc) => oc.columns(['instance_id', 'url']).doUpdateSet(rest))
		.execute();
}

export async function deleteRemoteEvent(db: DbOrTx, instanceId: string, url: string): Promise<number> {
	const r = await db.deleteFrom('remote_event').where('instance_id', '=', instanceId).where('url', '=', url).executeTakeFirst();
	return Number(r.numDeletedRows);
}

export async function refreshEventCount(db: DbOrTx, instanceId: string): Promise<void> {
	const row = await db
		.selectFrom('remote_event')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('instance_id', '=', instanceId)
		.executeTakeFirst();
	await db
		.updateTable('followed_instance')
		.set({ event_count: Number(row?.n ?? 0), fetched_at: nowIso() })
		.where('id', '=', instanceId)
		.execute();
}

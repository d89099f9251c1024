import type { Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { FollowedInstanceTable, RemoteEventTable } from '../db/tables/national.ts';

export type FollowedInstanceRow = Selectable<FollowedInstanceTable>;
export type RemoteEventRow = Selectable<RemoteEventTable>;

export function listInstanceRows(db: DbOrTx) {
	return db.selectFrom('followed_instance').selectAll().orderBy('url').execute();
}

export function findInstanceById(db: DbOrTx, id: string) {
	return db.selectFrom('followed_instance').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findInstanceByUrl(db: DbOrTx, url: string) {
	return db.selectFrom('followed_instance').selectAll().where('url', '=', url).executeTakeFirst();
}

export async function insertInstance(db: DbOrTx, row: FollowedInstanceRow): Promise<void> {
	await db.insertInto('followed_instance').values(row).execute();
}

export async function deleteInstance(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('followed_instance').where('id', '=', id).execute();
}

export async function updateInstanceStatus(
	db: DbOrTx,
	id: string,
	values: Pick<FollowedInstanceRow, 'fetched_at' | 'status' | 'error'> & { event_count?: number }
): Promise<void> {
	await db.updateTable('followed_instance').set(values).where('id', '=', id).execute();
}

/** Replaces every event of an instance by what its feed holds now: removed events go, none is doubled. */
export async function replaceRemoteEvents(db: DbOrTx, instanceId: string, rows: RemoteEventRow[]): Promise<void> {
	await db.deleteFrom('remote_event').where('instance_id', '=', instanceId).execute();
	for (let i = 0; i < rows.length; i += 100)
		await db
			.insertInto('remote_event')
			.values(rows.slice(i, i + 100))
			.execute();
}

/** Remote events with their instance's URL, filtered like the local ones (axes by the service). */
export function listRemoteEventRows(db: DbOrTx, f: { from?: string; before?: string; departements?: string[]; format?: string }) {
	let q = db
		.selectFrom('remote_event')
		.innerJoin('followed_instance', 'followed_instance.id', 'remote_event.instance_id')
		.selectAll('remote_event')
		.select('followed_instance.url as source');
	if (f.from) q = q.where('remote_event.starts_at', '>=', f.from);
	if (f.before) q = q.where('remote_event.starts_at', '<', f.before);
	if (f.departements) q = q.where('remote_event.departement', 'in', f.departements.length ? f.departements : ['']);
	if (f.format) q = q.where('remote_event.format', '=', f.format);
	return q.orderBy('remote_event.starts_at').limit(20_000).execute();
}

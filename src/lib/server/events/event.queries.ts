import type { DbOrTx } from '../db/index.ts';
import { sql, type Selectable, type Updateable } from 'kysely';
import type { EventTable, EventOrganiserTable } from '../db/schema.ts';

export type EventRow = Selectable<EventTable>;
export type OrganiserRow = Selectable<EventOrganiserTable>;

export function findEventBySlug(db: DbOrTx, slug: string) {
	return db.selectFrom('event').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Changes an event and raises its version, only while it has one of `versions` (else false). */
export async function updateEventRow(db: DbOrTx, id: string, set: Updateable<EventTable>, versions: number[]): Promise<boolean> {
	const r = await db
		.updateTable('event')
		.set({ ...set, version: sql<number>`version + 1` })
		.where('id', '=', id)
		.where('version', 'in', versions)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

export function findEventById(db: DbOrTx, id: string) {
	return db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function slugExists(db: DbOrTx, slug: string, exceptId?: string): Promise<boolean> {
	let q = db.selectFrom('event').select('id').where('slug', '=', slug);
	if (exceptId) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

/** Organisers of several events in one query, grouped by event id (list pages stay at 2 queries). */
export async function listOrganisersByEvent(db: DbOrTx, eventIds: string[]): Promise<Map<string, OrganiserRow[]>> {
	const map = new Map<string, OrganiserRow[]>();
	if (eventIds.length === 0) return map;
	const rows = await db
		.selectFrom('event_organiser')
		.selectAll()
		.where('event_id', 'in', eventIds)
		.orderBy('event_id')
		.orderBy('position')
		.execute();
	for (const r of rows) {
		const list = map.get(r.event_id) ?? [];
		list.push(r);
		map.set(r.event_id, list);
	}
	return map;
}

export async function replaceOrganisers(
	db: DbOrTx,
	eventId: string,
	organisers: Omit<OrganiserRow, 'event_id' | 'position' | 'id'>[]
): Promise<void> {
	await db.deleteFrom('event_organiser').where('event_id', '=', eventId).execute();
	if (organisers.length === 0) return;
	await db
		.insertInto('event_organiser')
		.values(organisers.map((o, i) => ({ ...o, id: crypto.randomUUID(), event_id: eventId, position: i })))
		.execute();
}

export function listPublishedEventRows(
	db: DbOrTx,
	filter: { departement?: string; from?: string; before?: string; order: 'asc' | 'desc' }
) {
	let q = db.selectFrom('event').selectAll().where('status', '=', 'published');
	if (filter.departement) q = q.where('venue_departement', '=', filter.departement);
	if (filter.from) q = q.where('ends_at', '>=', filter.from);
	if (filter.before) q = q.where('ends_at', '<', filter.before);
	return q.orderBy('starts_at', filter.order).limit(500).execute();
}

/** Published events plus every event the user belongs to, for the API listing. */
export function listVisibleEventRows(db: DbOrTx, userId: string | null) {
	return db
		.selectFrom('event')
		.selectAll()
		.where((eb) => {
			const ors = [eb('status', '=', 'published')];
			if (userId) ors.push(eb('id', 'in', eb.selectFrom('event_member').select('event_id').where('user_id', '=', userId)));
			return eb.or(ors);
		})
		.orderBy('starts_at', 'desc')
		.limit(1000)
		.execute();
}

export function listMemberEventRows(db: DbOrTx, userId: string) {
	return db
		.selectFrom('event')
		.innerJoin('event_member', 'event_member.event_id', 'event.id')
		.selectAll('event')
		.select('event_member.role as member_role')
		.where('event_member.user_id', '=', userId)
		.orderBy('event.starts_at', 'desc')
		.execute();
}

export function listAllEventRowsForAdmin(db: DbOrTx) {
	return db.selectFrom('event').selectAll().orderBy('starts_at', 'desc').limit(1000).execute();
}

/** Distinct départements of published events, for the home page filter. */
export async function listPublishedDepartements(db: DbOrTx): Promise<string[]> {
	const rows = await db
		.selectFrom('event')
		.select('venue_departement')
		.distinct()
		.where('status', '=', 'published')
		.where('venue_departement', 'is not', null)
		.orderBy('venue_departement')
		.execute();
	return rows.map((r) => r.venue_departement!).filter(Boolean);
}

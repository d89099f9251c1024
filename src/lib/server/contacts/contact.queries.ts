/** All Kysely code of contacts: lists, contacts and unsubscribed addresses. */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { ContactTable } from '../db/tables/campaigns.ts';

export type ContactRow = Selectable<ContactTable>;

export async function insertContactList(db: DbOrTx, row: { id: string; event_id: string; name: string; created_at: string }) {
	await db.insertInto('contact_list').values(row).execute();
}

export function findContactList(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('contact_list').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function findContactListById(db: DbOrTx, id: string) {
	return db.selectFrom('contact_list').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The event's lists with their number of contacts, oldest first; one query. */
export async function listContactListRows(db: DbOrTx, eventId: string) {
	const rows = await db
		.selectFrom('contact_list')
		.leftJoin('contact', 'contact.list_id', 'contact_list.id')
		.select(['contact_list.id', 'contact_list.name', 'contact_list.created_at', (eb) => eb.fn.count<string | number>('contact.id').as('n')])
		.where('contact_list.event_id', '=', eventId)
		.groupBy(['contact_list.id', 'contact_list.name', 'contact_list.created_at'])
		.orderBy('contact_list.created_at')
		.orderBy('contact_list.id')
		.execute();
	return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Lists of the other events of which `userId` is a member (to be copied into a new event). */
export function listReusableListRows(db: DbOrTx, userId: string, exceptEventId: string) {
	return db
		.selectFrom('contact_list')
		.innerJoin('event', 'event.id', 'contact_list.event_id')
		.innerJoin('event_member', 'event_member.event_id', 'event.id')
		.select(['contact_list.id', 'contact_list.name', 'event.title as event_title', 'event.slug as event_slug'])
		.where('event_member.user_id', '=', userId)
		.where('event.id', '<>', exceptEventId)
		.orderBy('event.starts_at', 'desc')
		.orderBy('contact_list.name')
		.execute();
}

export function listContactRows(db: DbOrTx, listId: string, limit: number) {
	return db.selectFrom('contact').selectAll().where('list_id', '=', listId).orderBy('last_name').orderBy('email').limit(limit).execute();
}

/**
 * Inserts contacts, or merges them with the list's existing contact of the same address (the new
 * non-empty values win). Chunked: each statement stays far below both databases' parameter limits.
 */
export async function upsertContacts(db: DbOrTx, rows: Insertable<ContactTable>[]): Promise<void> {
	for (let i = 0; i < rows.length; i += 500) {
		await db
			.insertInto('contact')
			.values(rows.slice(i, i + 500))
			.onConflict((oc) =>
				oc.columns(['list_id', 'email']).doUpdateSet((eb) => {
					const keep = (col: 'first_name' | 'last_name' | 'structure' | 'role' | 'territory') =>
						eb
							.case()
							.when(eb.ref(`excluded.${col}`), '=', '')
							.then(eb.ref(`contact.${col}`))
							.else(eb.ref(`excluded.${col}`))
							.end();
					return {
						first_name: keep('first_name'),
						last_name: keep('last_name'),
						structure: keep('structure'),
						role: keep('role'),
						territory: keep('territory')
					};
				})
			)
			.execute();
	}
}

export async function deleteContactRow(db: DbOrTx, listId: string, id: string): Promise<boolean> {
	const r = await db.deleteFrom('contact').where('list_id', '=', listId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/**
 * Every address unsubscribed from "that organiser": from this event, or from any event one of
 * its team members also belongs to. Small (people who unsubscribed), read whole.
 */
export async function selectSuppressedEmails(db: DbOrTx, eventId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom('contact_unsubscribe')
		.select('email')
		.distinct()
		.where((eb) =>
			eb.or([
				eb('contact_unsubscribe.event_id', '=', eventId),
				eb(
					'contact_unsubscribe.event_id',
					'in',
					eb
						.selectFrom('event_member as other')
						.select('other.event_id')
						.where('other.user_id', 'in', eb.selectFrom('event_member as mine').select('mine.user_id').where('mine.event_id', '=', eventId))
				)
			])
		)
		.execute();
	return new Set(rows.map((r) => r.email));
}

/** Records an unsubscription; a second one for the same event and address changes nothing. */
export async function insertUnsubscribe(db: DbOrTx, eventId: string, email: string, nowIso: string): Promise<void> {
	await db
		.insertInto('contact_unsubscribe')
		.values({ event_id: eventId, email, created_at: nowIso })
		.onConflict((oc) => oc.columns(['event_id', 'email']).doNothing())
		.execute();
}

export async function findEventSlug(db: DbOrTx, eventId: string): Promise<string | undefined> {
	return (await db.selectFrom('event').select('slug').where('id', '=', eventId).executeTakeFirst())?.slug;
}

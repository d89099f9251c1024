/** Kysely code of needs and offers and their contact requests. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { NetworkContactTable, NetworkPostTable } from '../db/tables/network.ts';

export async function insertPost(db: DbOrTx, row: Insertable<NetworkPostTable>): Promise<void> {
	await db.insertInto('network_post').values(row).execute();
}

export function findPost(db: DbOrTx, id: string) {
	return db.selectFrom('network_post').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changes a post and raises its version, only while it has one of `versions` (else false). */
export async function updatePostRow(db: DbOrTx, id: string, values: Updateable<NetworkPostTable>, versions: number[]): Promise<boolean> {
	const r = await db
		.updateTable('network_post')
		.set({ ...values, version: sql<number>`version + 1` })
		.where('id', '=', id)
		.where('version', 'in', versions)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

export async function deletePostRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('network_post').where('id', '=', id).execute();
}

/**
 * The live posts of a scope (an event's participants, or with `eventId` null the signed-in
 * people's), with their author, newest first; those past their end date are left out.
 */
export function listScopePosts(db: DbOrTx, eventId: string | null, today: string) {
	let q = db
		.selectFrom('network_post')
		.innerJoin('network_profile', 'network_profile.id', 'network_post.profile_id')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.selectAll('network_post')
		.select(['network_profile.display_name as author_name', 'network_profile.structure_name as author_structure'])
		.where((eb) => eb.or([eb('network_post.ends_on', 'is', null), eb('network_post.ends_on', '>=', today)]))
		.where((eb) => eb.or([eb('registration.id', 'is', null), eb('registration.status', '!=', 'cancelled')]));
	q = eventId === null ? q.where('network_post.event_id', 'is', null) : q.where('network_post.event_id', '=', eventId);
	return q.orderBy('network_post.created_at', 'desc').orderBy('network_post.id').execute();
}
export type ScopePostRow = Awaited<ReturnType<typeof listScopePosts>>[number];

export async function insertContact(db: DbOrTx, row: Insertable<NetworkContactTable>): Promise<void> {
	await db.insertInto('network_contact').values(row).execute();
}

export function findContactOnce(db: DbOrTx, postId: string, fromProfileId: string) {
	return db
		.selectFrom('network_contact')
		.select('id')
		.where('post_id', '=', postId)
		.where('from_profile_id', '=', fromProfileId)
		.executeTakeFirst();
}

/** Contact requests a person sent since `sinceIso` (the rate limit). */
export async function countContactsSentSince(db: DbOrTx, profileId: string, sinceIso: string): Promise<number> {
	const row = await db
		.selectFrom('network_contact')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('from_profile_id', '=', profileId)
		.where('created_at', '>=', sinceIso)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** A contact request with its post (to check who may answer it). */
export function findContactWithPost(db: DbOrTx, id: string) {
	return db
		.selectFrom('network_contact')
		.innerJoin('network_post', 'network_post.id', 'network_contact.post_id')
		.selectAll('network_contact')
		.select([
			'network_post.profile_id as post_author_id',
			'network_post.title as post_title',
			'network_post.kind as post_kind',
			'network_post.event_id'
		])
		.where('network_contact.id', '=', id)
		.executeTakeFirst();
}

export async function updateContactStatus(db: DbOrTx, id: string, status: string, decidedAt: string): Promise<number> {
	const res = await db
		.updateTable('network_contact')
		.set({ status, decided_at: decidedAt })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(res.numUpdatedRows);
}

/** The contact requests a person received (on their posts) and sent, with the other side's name. */
export function listContactsOf(db: DbOrTx, profileId: string) {
	return db
		.selectFrom('network_contact')
		.innerJoin('network_post', 'network_post.id', 'network_contact.post_id')
		.innerJoin('network_profile as sender', 'sender.id', 'network_contact.from_profile_id')
		.innerJoin('network_profile as author', 'author.id', 'network_post.profile_id')
		.select([
			'network_contact.id',
			'network_contact.post_id',
			'network_contact.message',
			'network_contact.status',
			'network_contact.created_at',
			'network_contact.from_profile_id',
			'network_post.title as post_title',
			'network_post.kind as post_kind',
			'network_post.profile_id as author_id',
			'sender.display_name as sender_name',
			'sender.structure_name as sender_structure',
			'author.display_name as author_name',
			'author.structure_name as author_structure'
		])
		.where((eb) => eb.or([eb('network_contact.from_profile_id', '=', profileId), eb('network_post.profile_id', '=', profileId)]))
		.orderBy('network_contact.created_at', 'desc')
		.execute();
}

/** Counts for the team: posts by kind, contact requests by status (never who nor what). */
export async function countEventPostsAndContacts(db: DbOrTx, eventId: string) {
	const posts = await db
		.selectFrom('network_post')
		.select(['kind', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('event_id', '=', eventId)
		.groupBy('kind')
		.execute();
	const contacts = await db
		.selectFrom('network_contact')
		.innerJoin('network_post', 'network_post.id', 'network_contact.post_id')
		.select(['network_contact.status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('network_post.event_id', '=', eventId)
		.groupBy('network_contact.status')
		.execute();
	return {
		posts: Object.fromEntries(posts.map((r) => [r.kind, Number(r.n)])) as Record<string, number>,
		contacts: Object.fromEntries(contacts.map((r) => [r.status, Number(r.n)])) as Record<string, number>
	};
}

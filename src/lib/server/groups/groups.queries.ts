/** Kysely code of the working groups: groups, their members (network profiles) and their notes. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { WorkingGroupNoteTable, WorkingGroupTable } from '../db/tables/network.ts';

/** The event's sessions a group may continue, in programme order. */
export function listEventSessions(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.select(['id', 'title', 'starts_at', 'format'])
		.where('event_id', '=', eventId)
		.orderBy('starts_at')
		.orderBy('title')
		.execute();
}

export function findEventSession(db: DbOrTx, eventId: string, sessionId: string) {
	return db.selectFrom('session').select(['id', 'title']).where('event_id', '=', eventId).where('id', '=', sessionId).executeTakeFirst();
}

export async function insertGroup(db: DbOrTx, row: Insertable<WorkingGroupTable>): Promise<void> {
	await db.insertInto('working_group').values(row).execute();
}

/** Changes a group and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateGroupRow(db: DbOrTx, id: string, patch: Updateable<WorkingGroupTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('working_group')
		.set({ ...patch, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/**
 * Groups of an event (or one group), with their session's title and their counts, in one query:
 * members whose registration was cancelled are not counted (they are out of the directory).
 */
function groupsWithCounts(db: DbOrTx) {
	return db
		.selectFrom('working_group')
		.leftJoin('session', 'session.id', 'working_group.session_id')
		.selectAll('working_group')
		.select('session.title as session_title')
		.select((eb) => [
			eb
				.selectFrom('working_group_member')
				.innerJoin('network_profile', 'network_profile.id', 'working_group_member.profile_id')
				.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
				.select((e) => e.fn.countAll<string | number>().as('n'))
				.whereRef('working_group_member.group_id', '=', 'working_group.id')
				.where((w) => w.or([w('registration.status', 'is', null), w('registration.status', '!=', 'cancelled')]))
				.as('member_count'),
			eb
				.selectFrom('working_group_member')
				.select((e) => e.fn.countAll<string | number>().as('n'))
				.whereRef('working_group_member.group_id', '=', 'working_group.id')
				.where('working_group_member.role', '=', 'coordinator')
				.as('coordinator_count'),
			eb
				.selectFrom('working_group_note')
				.select((e) => e.fn.countAll<string | number>().as('n'))
				.whereRef('working_group_note.group_id', '=', 'working_group.id')
				.as('note_count')
		]);
}

export function listEventGroups(db: DbOrTx, eventId: string) {
	return groupsWithCounts(db)
		.where('working_group.event_id', '=', eventId)
		.orderBy('working_group.status')
		.orderBy('working_group.title')
		.execute();
}

export function findGroup(db: DbOrTx, id: string) {
	return groupsWithCounts(db).where('working_group.id', '=', id).executeTakeFirst();
}
export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

/** Active groups continuing a session (its public page points to them). */
export function listSessionGroups(db: DbOrTx, sessionId: string) {
	return db
		.selectFrom('working_group')
		.select(['id', 'title', 'purpose'])
		.where('session_id', '=', sessionId)
		.where('status', '=', 'active')
		.orderBy('title')
		.execute();
}

/** A group's members with their directory name and structure (never an address), coordinators first. */
export function listGroupMembers(db: DbOrTx, groupId: string) {
	return db
		.selectFrom('working_group_member')
		.innerJoin('network_profile', 'network_profile.id', 'working_group_member.profile_id')
		.leftJoin('registration', 'registration.id', 'network_profile.registration_id')
		.select([
			'network_profile.id as profile_id',
			'network_profile.display_name',
			'network_profile.structure_name',
			'working_group_member.role',
			'working_group_member.joined_at'
		])
		.where('working_group_member.group_id', '=', groupId)
		.where((w) => w.or([w('registration.status', 'is', null), w('registration.status', '!=', 'cancelled')]))
		.orderBy('working_group_member.role', 'desc')
		.orderBy('network_profile.display_name')
		.execute();
}

export function findMembership(db: DbOrTx, groupId: string, profileId: string) {
	return db
		.selectFrom('working_group_member')
		.select(['role', 'joined_at'])
		.where('group_id', '=', groupId)
		.where('profile_id', '=', profileId)
		.executeTakeFirst();
}

/** The groups a person belongs to, with their part in each. */
export function listMembershipsOf(db: DbOrTx, profileId: string) {
	return db.selectFrom('working_group_member').select(['group_id', 'role']).where('profile_id', '=', profileId).execute();
}

/** Adds a member; joining twice changes nothing (the primary key holds one row per person and group). */
export async function insertMember(db: DbOrTx, groupId: string, profileId: string, joinedAt: string): Promise<void> {
	await db
		.insertInto('working_group_member')
		.values({ group_id: groupId, profile_id: profileId, role: 'member', joined_at: joinedAt })
		.onConflict((oc) => oc.columns(['group_id', 'profile_id']).doNothing())
		.execute();
}

export async function deleteMember(db: DbOrTx, groupId: string, profileId: string): Promise<void> {
	await db.deleteFrom('working_group_member').where('group_id', '=', groupId).where('profile_id', '=', profileId).execute();
}

export async function setMemberRole(db: DbOrTx, groupId: string, profileId: string, role: string): Promise<number> {
	const res = await db
		.updateTable('working_group_member')
		.set({ role })
		.where('group_id', '=', groupId)
		.where('profile_id', '=', profileId)
		.executeTakeFirst();
	return Number(res.numUpdatedRows);
}

export async function insertNote(db: DbOrTx, row: Insertable<WorkingGroupNoteTable>): Promise<void> {
	await db.insertInto('working_group_note').values(row).execute();
}

/** A group's notes, newest first, with their author's directory name (null: the team, or someone who left the directory). */
export function listGroupNotes(db: DbOrTx, groupId: string) {
	return db
		.selectFrom('working_group_note')
		.leftJoin('network_profile', 'network_profile.id', 'working_group_note.author_profile_id')
		.select([
			'working_group_note.id',
			'working_group_note.author_profile_id',
			'working_group_note.title',
			'working_group_note.body',
			'working_group_note.url',
			'working_group_note.created_at',
			'network_profile.display_name as author_name'
		])
		.where('working_group_note.group_id', '=', groupId)
		.orderBy('working_group_note.created_at', 'desc')
		.orderBy('working_group_note.id', 'desc')
		.execute();
}

export function findNote(db: DbOrTx, groupId: string, noteId: string) {
	return db
		.selectFrom('working_group_note')
		.select(['id', 'author_profile_id'])
		.where('group_id', '=', groupId)
		.where('id', '=', noteId)
		.executeTakeFirst();
}

export async function deleteNoteRow(db: DbOrTx, noteId: string): Promise<void> {
	await db.deleteFrom('working_group_note').where('id', '=', noteId).execute();
}

/** Groups of every event the user is on the team of (all events for an administrator), with their event. */
export function listGroupsForUser(db: DbOrTx, user: { id: string; isAdmin: boolean }, eventId?: string) {
	let q = groupsWithCounts(db)
		.innerJoin('event', 'event.id', 'working_group.event_id')
		.select(['event.slug as event_slug', 'event.title as event_title']);
	if (!user.isAdmin)
		q = q.where('working_group.event_id', 'in', (eb) => eb.selectFrom('event_member').select('event_id').where('user_id', '=', user.id));
	if (eventId) q = q.where('working_group.event_id', '=', eventId);
	return q.orderBy('event.starts_at', 'desc').orderBy('working_group.status').orderBy('working_group.title').execute();
}

/** The groups a network profile is a member of, with its part and their event, newest event first. */
export function listGroupsOfProfile(db: DbOrTx, profileId: string) {
	return groupsWithCounts(db)
		.innerJoin('event', 'event.id', 'working_group.event_id')
		.innerJoin('working_group_member as mine', 'mine.group_id', 'working_group.id')
		.select(['event.slug as event_slug', 'event.title as event_title', 'mine.role as my_role'])
		.where('mine.profile_id', '=', profileId)
		.orderBy('event.starts_at', 'desc')
		.orderBy('working_group.title')
		.execute();
}

/** The edition an event was prepared from (« Préparer l'édition suivante »), if any. */
export async function findPreviousEditionId(db: DbOrTx, eventId: string): Promise<string | null> {
	const row = await db.selectFrom('event_report').select('previous_event_id').where('event_id', '=', eventId).executeTakeFirst();
	return row?.previous_event_id ?? null;
}

/** A previous edition's groups, public fields only (never their people or notes). */
export function listPublicGroupsOf(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('working_group')
		.select(['id', 'title', 'purpose', 'status', 'next_status', 'outputs'])
		.where('event_id', '=', eventId)
		.orderBy('title')
		.execute();
}

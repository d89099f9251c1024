import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { CommitteeMemberTable, MeetingTable, TimeEntryTable } from '../db/tables/preparation.ts';

export type CommitteeRow = Selectable<CommitteeMemberTable>;
export type MeetingRow = Selectable<MeetingTable>;
export type TimeRow = Selectable<TimeEntryTable>;

export function listCommitteeRows(db: DbOrTx, eventId: string) {
	return db.selectFrom('committee_member').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
}

export function findCommitteeRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('committee_member').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function insertCommitteeRow(db: DbOrTx, row: Insertable<CommitteeMemberTable>): Promise<void> {
	await db.insertInto('committee_member').values(row).execute();
}

/**
 * Changes one row of the committee's tables and raises its version; with `versions`, only while it
 * still has one of them (else false: someone saved in between, nothing written).
 */
async function updateVersionedRow(
	db: DbOrTx,
	table: 'committee_member' | 'meeting' | 'time_entry',
	id: string,
	values: object,
	versions?: number[]
): Promise<boolean> {
	// The three tables share `id` and `version`; Kysely cannot type a union of tables' columns.
	let q = db
		.updateTable(table as 'meeting')
		.set({ ...(values as Updateable<MeetingTable>), version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export function updateCommitteeRow(
	db: DbOrTx,
	id: string,
	values: Updateable<CommitteeMemberTable>,
	versions?: number[]
): Promise<boolean> {
	return updateVersionedRow(db, 'committee_member', id, values, versions);
}

/** Deletes a member; their people lose their structure, their time entries and attendance go with them. */
export async function deleteCommitteeRow(db: DbOrTx, eventId: string, id: string): Promise<boolean> {
	// Done here rather than trusting ON DELETE SET NULL on a self-reference, the same on both databases.
	await db
		.updateTable('committee_member')
		.set({ structure_id: null })
		.where('event_id', '=', eventId)
		.where('structure_id', '=', id)
		.execute();
	const r = await db.deleteFrom('committee_member').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export function listMeetingRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('meeting')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('held_on', 'desc')
		.orderBy('created_at', 'desc')
		.execute();
}

export function findMeetingRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('meeting').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

/** Attendees of several meetings in one query, grouped by meeting. */
export async function listAttendees(db: DbOrTx, meetingIds: string[]): Promise<Map<string, string[]>> {
	const map = new Map<string, string[]>();
	if (meetingIds.length === 0) return map;
	const rows = await db.selectFrom('meeting_attendee').selectAll().where('meeting_id', 'in', meetingIds).execute();
	for (const r of rows) map.set(r.meeting_id, [...(map.get(r.meeting_id) ?? []), r.committee_member_id]);
	return map;
}

export async function insertMeetingRow(db: DbOrTx, row: Insertable<MeetingTable>): Promise<void> {
	await db.insertInto('meeting').values(row).execute();
}

export function updateMeetingRow(db: DbOrTx, id: string, values: Updateable<MeetingTable>, versions?: number[]): Promise<boolean> {
	return updateVersionedRow(db, 'meeting', id, values, versions);
}

export async function replaceAttendees(db: DbOrTx, meetingId: string, memberIds: string[]): Promise<void> {
	await db.deleteFrom('meeting_attendee').where('meeting_id', '=', meetingId).execute();
	const unique = [...new Set(memberIds)];
	if (unique.length)
		await db
			.insertInto('meeting_attendee')
			.values(unique.map((m) => ({ meeting_id: meetingId, committee_member_id: m })))
			.execute();
}

export async function deleteMeetingRow(db: DbOrTx, eventId: string, id: string): Promise<boolean> {
	const r = await db.deleteFrom('meeting').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

export function listTimeRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('time_entry')
		.innerJoin('committee_member', 'committee_member.id', 'time_entry.committee_member_id')
		.selectAll('time_entry')
		.select(['committee_member.name as member_name', 'committee_member.kind as member_kind'])
		.where('time_entry.event_id', '=', eventId)
		.orderBy('time_entry.spent_on', 'desc')
		.orderBy('time_entry.created_at', 'desc')
		.execute();
}

export async function insertTimeRow(db: DbOrTx, row: Insertable<TimeEntryTable>): Promise<void> {
	await db.insertInto('time_entry').values(row).execute();
}

export function findTimeRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('time_entry').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function updateTimeRow(db: DbOrTx, id: string, values: Updateable<TimeEntryTable>, versions?: number[]): Promise<boolean> {
	return updateVersionedRow(db, 'time_entry', id, values, versions);
}

export async function deleteTimeRow(db: DbOrTx, eventId: string, id: string): Promise<boolean> {
	const r = await db.deleteFrom('time_entry').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** Minutes logged per committee member (person or structure). */
export async function sumMinutesByMember(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('time_entry')
		.select(['committee_member_id', (eb) => eb.fn.sum<number>('minutes').as('minutes')])
		.where('event_id', '=', eventId)
		.groupBy('committee_member_id')
		.execute();
	return new Map(rows.map((r) => [r.committee_member_id, Number(r.minutes)]));
}

/** The event's team (accounts with a role), for owner choices. */
export function listTeamForOwners(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('event_member')
		.innerJoin('user', 'user.id', 'event_member.user_id')
		.select(['user.id', 'user.name', 'user.email'])
		.where('event_member.event_id', '=', eventId)
		.orderBy('user.name')
		.execute();
}

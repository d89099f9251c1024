/** Kysely code of the meetings between participants. */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { NetworkMeetingTable } from '../db/tables/network.ts';
import { MEETING_FORMATS } from './meeting-slots.ts';

/** The event's informal sessions (breaks, lunch, convivial times) with their room. */
export function listInformalSessions(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.leftJoin('room', 'room.id', 'session.room_id')
		.select(['session.title', 'session.starts_at', 'session.ends_at', 'room.name as room'])
		.where('session.event_id', '=', eventId)
		.where('session.format', 'in', [...MEETING_FORMATS])
		.execute();
}

/** The slots already taken by any of `profileIds` (accepted meetings). */
export function listBookings(db: DbOrTx, profileIds: string[]) {
	return db.selectFrom('network_meeting_booking').select(['profile_id', 'starts_at']).where('profile_id', 'in', profileIds).execute();
}

export async function insertMeeting(db: DbOrTx, row: Insertable<NetworkMeetingTable>): Promise<void> {
	await db.insertInto('network_meeting').values(row).execute();
}

export function findMeeting(db: DbOrTx, id: string) {
	return db.selectFrom('network_meeting').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A pending request of the same two people for the same slot (asked twice). */
export function findPendingTwin(db: DbOrTx, requesterId: string, inviteeId: string, startsAt: string) {
	return db
		.selectFrom('network_meeting')
		.select('id')
		.where('requester_id', '=', requesterId)
		.where('invitee_id', '=', inviteeId)
		.where('starts_at', '=', startsAt)
		.where('status', '=', 'pending')
		.executeTakeFirst();
}

export async function setMeetingStatus(db: DbOrTx, id: string, status: string, decidedAt: string): Promise<number> {
	const res = await db
		.updateTable('network_meeting')
		.set({ status, decided_at: decidedAt })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.executeTakeFirst();
	return Number(res.numUpdatedRows);
}

/** Books the slot for both people; the primary key refuses a slot already taken (a double booking). */
export async function insertBookings(db: DbOrTx, meetingId: string, startsAt: string, profileIds: string[]): Promise<void> {
	await db
		.insertInto('network_meeting_booking')
		.values(profileIds.map((profile_id) => ({ profile_id, starts_at: startsAt, meeting_id: meetingId })))
		.execute();
}

/** A person's meetings, asked or received, with the other side's name and structure. */
export function listMeetingsOf(db: DbOrTx, profileId: string) {
	return db
		.selectFrom('network_meeting')
		.innerJoin('network_profile as requester', 'requester.id', 'network_meeting.requester_id')
		.innerJoin('network_profile as invitee', 'invitee.id', 'network_meeting.invitee_id')
		.selectAll('network_meeting')
		.select([
			'requester.display_name as requester_name',
			'requester.structure_name as requester_structure',
			'invitee.display_name as invitee_name',
			'invitee.structure_name as invitee_structure'
		])
		.where((eb) => eb.or([eb('network_meeting.requester_id', '=', profileId), eb('network_meeting.invitee_id', '=', profileId)]))
		.orderBy('network_meeting.starts_at')
		.execute();
}

/** Meetings of an event by status: all the team sees of them. */
export async function countEventMeetings(db: DbOrTx, eventId: string): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('network_meeting')
		.select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('event_id', '=', eventId)
		.groupBy('status')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

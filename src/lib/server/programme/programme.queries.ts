/** All Kysely code of the programme: rooms, speakers, sessions, their speakers and resources, stored files. */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type {
	RoomTable,
	SessionResourceTable,
	SessionSpeakerTable,
	SessionTable,
	SpeakerTable,
	StoredFileTable
} from '../db/tables/programme.ts';

export type RoomRow = Selectable<RoomTable>;
export type SpeakerRow = Selectable<SpeakerTable>;
export type SessionRow = Selectable<SessionTable>;
export type SessionSpeakerRow = Selectable<SessionSpeakerTable>;
export type ResourceRow = Selectable<SessionResourceTable> & { filename: string | null; file_size: number | null };
export type StoredFileRow = Selectable<StoredFileTable>;

// ---- Event ----

/** Changes the event's shortest break and raises its version, only while it has one of `versions` (else false). */
export async function updateEventMinBreak(db: DbOrTx, eventId: string, minutes: number, now: string, versions: number[]): Promise<boolean> {
	const res = await db
		.updateTable('event')
		.set({ min_break_minutes: minutes, updated_at: now, version: sql<number>`version + 1` })
		.where('id', '=', eventId)
		.where('version', 'in', versions)
		.executeTakeFirst();
	return Number(res.numUpdatedRows) > 0;
}

// ---- Rooms ----

export function listRoomRows(db: DbOrTx, eventId: string) {
	return db.selectFrom('room').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('name').execute();
}

export function findRoomRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('room').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function nextRoomPosition(db: DbOrTx, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('room')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	return row?.max == null ? 0 : Number(row.max) + 1;
}

export async function insertRoom(db: DbOrTx, row: Insertable<RoomTable>): Promise<void> {
	await db.insertInto('room').values(row).execute();
}

/** Changes a room and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateRoomRow(db: DbOrTx, id: string, set: Updateable<RoomTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('room')
		.set({ ...set, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function deleteRoomRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('room').where('id', '=', id).execute();
}

// ---- Speakers ----

export function listSpeakerRows(db: DbOrTx, eventId: string) {
	return db.selectFrom('speaker').selectAll().where('event_id', '=', eventId).orderBy('name').orderBy('id').execute();
}

export function findSpeakerRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('speaker').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export function findSpeakerByTokenHash(db: DbOrTx, hash: string) {
	return db.selectFrom('speaker').selectAll().where('invite_token_hash', '=', hash).executeTakeFirst();
}

export async function insertSpeaker(db: DbOrTx, row: Insertable<SpeakerTable>): Promise<void> {
	await db.insertInto('speaker').values(row).execute();
}

/** Changes a speaker and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateSpeakerRow(db: DbOrTx, id: string, set: Updateable<SpeakerTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('speaker')
		.set({ ...set, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function deleteSpeakerRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('speaker').where('id', '=', id).execute();
}

// ---- Sessions ----

export function listSessionRows(db: DbOrTx, eventId: string) {
	return db.selectFrom('session').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('title').orderBy('id').execute();
}

export function findSessionRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('session').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function insertSession(db: DbOrTx, row: Insertable<SessionTable>): Promise<void> {
	await db.insertInto('session').values(row).execute();
}

/** Changes a session and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateSessionRow(db: DbOrTx, id: string, set: Updateable<SessionTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('session')
		.set({ ...set, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function deleteSessionRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', id).execute();
}

/** Every speaker link of an event's sessions in one query, in each session's order. */
export function listSessionSpeakerRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session_speaker')
		.innerJoin('session', 'session.id', 'session_speaker.session_id')
		.selectAll('session_speaker')
		.where('session.event_id', '=', eventId)
		.orderBy('session_speaker.session_id')
		.orderBy('session_speaker.position')
		.execute();
}

export function listSpeakersOfSession(db: DbOrTx, sessionId: string) {
	return db.selectFrom('session_speaker').selectAll().where('session_id', '=', sessionId).orderBy('position').execute();
}

export async function replaceSessionSpeakers(
	db: DbOrTx,
	sessionId: string,
	speakers: { speakerId: string; part: string }[]
): Promise<void> {
	await db.deleteFrom('session_speaker').where('session_id', '=', sessionId).execute();
	if (speakers.length === 0) return;
	await db
		.insertInto('session_speaker')
		.values(speakers.map((s, i) => ({ session_id: sessionId, speaker_id: s.speakerId, part: s.part, position: i })))
		.execute();
}

// ---- Resources and files ----

/** Resources of an event's sessions in one query, with the name and size of uploaded files (never their bytes). */
export function listResourceRows(db: DbOrTx, eventId: string): Promise<ResourceRow[]> {
	return db
		.selectFrom('session_resource')
		.innerJoin('session', 'session.id', 'session_resource.session_id')
		.leftJoin('stored_file', 'stored_file.id', 'session_resource.file_id')
		.selectAll('session_resource')
		.select(['stored_file.filename as filename', 'stored_file.size as file_size'])
		.where('session.event_id', '=', eventId)
		.orderBy('session_resource.session_id')
		.orderBy('session_resource.position')
		.execute();
}

export function findResourceRow(db: DbOrTx, sessionId: string, id: string) {
	return db.selectFrom('session_resource').selectAll().where('session_id', '=', sessionId).where('id', '=', id).executeTakeFirst();
}

export async function nextResourcePosition(db: DbOrTx, sessionId: string): Promise<number> {
	const row = await db
		.selectFrom('session_resource')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('session_id', '=', sessionId)
		.executeTakeFirst();
	return row?.max == null ? 0 : Number(row.max) + 1;
}

export async function insertResource(db: DbOrTx, row: Insertable<SessionResourceTable>): Promise<void> {
	await db.insertInto('session_resource').values(row).execute();
}

export async function deleteResourceRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('session_resource').where('id', '=', id).execute();
}

export async function insertStoredFile(db: DbOrTx, row: Insertable<StoredFileTable>): Promise<void> {
	await db.insertInto('stored_file').values(row).execute();
}

export async function deleteStoredFile(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('stored_file').where('id', '=', id).execute();
}

/** A stored file with its bytes, only if it belongs to the event. */
export function findStoredFile(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('stored_file').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

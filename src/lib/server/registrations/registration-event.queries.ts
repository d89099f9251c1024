/** Kysely code of registrations about the event: its settings row (the quota lock), its sessions and their speakers, read only here. */
import { sql, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../db/index.ts';
import type { EventRegistrationSettingsTable } from '../db/tables/registrations.ts';
import { type SettingsRow, hasRowLocks } from './registration.queries.ts';

export function findEventRowBySlug(db: DbOrTx, slug: string) {
	return db
		.selectFrom('event')
		.select([
			'id',
			'slug',
			'title',
			'status',
			'starts_at',
			'ends_at',
			'venue_name',
			'venue_address',
			'venue_commune',
			'venue_insee_code',
			'format',
			'online_url'
		])
		.where('slug', '=', slug)
		.executeTakeFirst();
}

export function findEventRowById(db: DbOrTx, id: string) {
	return db
		.selectFrom('event')
		.select([
			'id',
			'slug',
			'title',
			'status',
			'starts_at',
			'ends_at',
			'venue_name',
			'venue_address',
			'venue_commune',
			'venue_insee_code',
			'format',
			'online_url'
		])
		.where('id', '=', id)
		.executeTakeFirst();
}

export type EventLiteRow = NonNullable<Awaited<ReturnType<typeof findEventRowBySlug>>>;

export function findSettings(db: DbOrTx, eventId: string): Promise<SettingsRow | undefined> {
	return db.selectFrom('event_registration_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/** Creates the settings row with its defaults when it is missing; never changes an existing one. */
export async function ensureSettingsRow(db: DbOrTx, eventId: string, nowIso: string): Promise<void> {
	await db
		.insertInto('event_registration_settings')
		.values({
			event_id: eventId,
			capacity: null,
			opens_at: null,
			closes_at: null,
			waitlist_enabled: 0,
			reminder_j7_enabled: 1,
			reminder_j1_enabled: 1,
			reminder_j7_text: '',
			reminder_j1_text: '',
			lock_seq: 0,
			updated_at: nowIso
		})
		.onConflict((oc) => oc.column('event_id').doNothing())
		.execute();
}

/** Changes the settings and raises their version; with `versions`, only while they have one of them (else false). */
export async function updateSettingsRow(
	db: DbOrTx,
	eventId: string,
	patch: Updateable<EventRegistrationSettingsTable>,
	versions?: number[]
): Promise<boolean> {
	let q = db
		.updateTable('event_registration_settings')
		.set({ ...patch, version: sql<number>`version + 1` })
		.where('event_id', '=', eventId);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/**
 * The event's quota lock, taken first in every transaction that counts its capacity or writes
 * registrations. One UPDATE does it on both databases: on PostgreSQL it row-locks the event's
 * settings (other registrations of the event wait, those of other events do not); on SQLite a
 * first statement that writes takes the database's single write lock at once, so that a second
 * process waits (busy_timeout) instead of failing later on a read lock it cannot upgrade.
 * Returns the settings as they are under the lock.
 */
export function lockEventQuota(tx: Tx, eventId: string) {
	return tx
		.updateTable('event_registration_settings')
		.set((eb) => ({ lock_seq: eb('lock_seq', '+', 1) }))
		.where('event_id', '=', eventId)
		.returning(['capacity', 'waitlist_enabled', 'lock_seq'])
		.executeTakeFirst();
}

/**
 * PostgreSQL only: a shared lock on the event's settings, for a registration that does not count
 * the event's capacity (there is none). It lets such registrations run side by side while an
 * organiser who sets a capacity waits for them, so that the first counting transaction sees them.
 */
export function shareLockEventSettings(tx: Tx, eventId: string) {
	return tx.selectFrom('event_registration_settings').select(['capacity']).where('event_id', '=', eventId).forShare().executeTakeFirst();
}

/**
 * The sessions whose seats a change counts, with their capacity (the room's when the session has
 * none). On PostgreSQL the session rows are locked `FOR UPDATE`, in id order so that two
 * transactions never wait for each other in a circle; SQLite's writer lock already covers them.
 */
export function lockAndReadSessions(tx: Tx, sessionIds: string[]) {
	if (sessionIds.length === 0) return Promise.resolve([]);
	return tx
		.selectFrom('session')
		.leftJoin('room', 'room.id', 'session.room_id')
		.select(['session.id', 'session.capacity', 'room.capacity as room_capacity', 'session.requires_registration', 'session.version'])
		.where('session.id', 'in', [...sessionIds].sort())
		.orderBy('session.id')
		.$if(hasRowLocks(tx), (q) => q.forUpdate(['session']))
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Sessions (the programme's tables, read only here)

/** Every session of the event with its room, in time order; capacity falls back to the room's. */
export async function listEventSessionRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.leftJoin('room', 'room.id', 'session.room_id')
		.select([
			'session.id',
			'session.title',
			'session.format',
			'session.starts_at',
			'session.ends_at',
			'session.capacity',
			'session.requires_registration',
			'session.audience',
			'session.room_id',
			'room.name as room_name',
			'room.capacity as room_capacity'
		])
		.where('session.event_id', '=', eventId)
		.orderBy('session.starts_at')
		.orderBy('session.title')
		.orderBy('session.id')
		.execute();
}

export type SessionRow = Awaited<ReturnType<typeof listEventSessionRows>>[number];

/** Changes a session's seats and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateSessionRegistrationColumns(
	db: DbOrTx,
	sessionId: string,
	patch: { capacity?: number | null; requires_registration?: number },
	versions?: number[]
): Promise<boolean> {
	// A new version: the session's edit form, loaded before, must not put the old capacity back.
	let q = db
		.updateTable('session')
		.set({ ...patch, version: sql<number>`version + 1` })
		.where('id', '=', sessionId);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** The version of each session of the event, read now (the loaded event may be cached). */
export async function listSessionVersions(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
	const rows = await db.selectFrom('session').select(['id', 'version']).where('event_id', '=', eventId).execute();
	return new Map(rows.map((r) => [r.id, Number(r.version)]));
}

/** Speakers of several sessions, in their order, grouped by session id. */
export async function listSpeakersBySession(
	db: DbOrTx,
	sessionIds: string[]
): Promise<Map<string, { name: string; organisation: string }[]>> {
	const map = new Map<string, { name: string; organisation: string }[]>();
	if (sessionIds.length === 0) return map;
	const rows = await db
		.selectFrom('session_speaker')
		.innerJoin('speaker', 'speaker.id', 'session_speaker.speaker_id')
		.select(['session_speaker.session_id', 'speaker.name', 'speaker.organisation'])
		.where('session_speaker.session_id', 'in', sessionIds)
		.orderBy('session_speaker.session_id')
		.orderBy('session_speaker.position')
		.execute();
	for (const r of rows) {
		const list = map.get(r.session_id) ?? [];
		list.push({ name: r.name, organisation: r.organisation });
		map.set(r.session_id, list);
	}
	return map;
}

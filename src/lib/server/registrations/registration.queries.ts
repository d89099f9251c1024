/** All Kysely code of registrations, waiting lists and custom questions. Rows come back raw. */
import { CompiledQuery, sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../db/index.ts';
import { insertRows } from '../db/bulk-insert.ts';
import { lookupBatch } from '../db/lookup-batch.ts';
import { columnTypes } from '../db/dialect.ts';
import type { NewMailMessageRow } from '../mail/outbox.queries.ts';
import type {
	EventRegistrationSettingsTable,
	RegistrationAnswerTable,
	RegistrationQuestionTable,
	RegistrationSessionTable,
	RegistrationTable
} from '../db/tables/registrations.ts';

export type SettingsRow = Selectable<EventRegistrationSettingsTable>;
export type RegistrationRow = Selectable<RegistrationTable>;
export type NewRegistrationRow = Insertable<RegistrationTable>;
export type SeatRow = Selectable<RegistrationSessionTable>;
export type QuestionRow = Selectable<RegistrationQuestionTable>;
export type AnswerRow = Selectable<RegistrationAnswerTable>;

/** Whether this handle speaks to PostgreSQL (row locks exist) rather than SQLite (one writer). */
export function hasRowLocks(db: DbOrTx): boolean {
	return columnTypes(db).pg;
}

// ---------------------------------------------------------------------------------------------
// Events and their settings

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

// ---------------------------------------------------------------------------------------------
// Counting

export async function countConfirmedRegistrations(db: DbOrTx, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('registration')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function countEventWaiters(db: DbOrTx, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('registration')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'waitlisted')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Confirmed and waiting seats of some sessions, in one query. */
export async function countSeats(db: DbOrTx, sessionIds: string[]): Promise<Map<string, { confirmed: number; waitlisted: number }>> {
	const map = new Map<string, { confirmed: number; waitlisted: number }>();
	for (const id of sessionIds) map.set(id, { confirmed: 0, waitlisted: 0 });
	if (sessionIds.length === 0) return map;
	const rows = await db
		.selectFrom('registration_session')
		.select(['session_id', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('session_id', 'in', sessionIds)
		.groupBy(['session_id', 'status'])
		.execute();
	for (const r of rows) {
		const c = map.get(r.session_id)!;
		if (r.status === 'confirmed') c.confirmed = Number(r.n);
		else if (r.status === 'waitlisted') c.waitlisted = Number(r.n);
	}
	return map;
}

/** The first people waiting for a seat in a session whose own registration is confirmed. */
export function listSessionWaiters(db: DbOrTx, sessionId: string, limit: number) {
	return db
		.selectFrom('registration_session')
		.innerJoin('registration', 'registration.id', 'registration_session.registration_id')
		.select(['registration_session.registration_id', 'registration_session.requested_at'])
		.where('registration_session.session_id', '=', sessionId)
		.where('registration_session.status', '=', 'waitlisted')
		.where('registration.status', '=', 'confirmed')
		.orderBy('registration_session.requested_at')
		.orderBy('registration_session.registration_id')
		.limit(limit)
		.execute();
}

/** The first registrations on the event's waiting list. */
export function listEventWaiters(db: DbOrTx, eventId: string, limit: number) {
	return db
		.selectFrom('registration')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('status', '=', 'waitlisted')
		.orderBy('waitlisted_at')
		.orderBy('id')
		.limit(limit)
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Registrations

function byEmailQuery(db: DbOrTx, eventId: string, email: string) {
	return db.selectFrom('registration').selectAll().where('event_id', '=', eventId).where('email', '=', email);
}

export function findRegistrationByEmail(db: DbOrTx, eventId: string, email: string) {
	return byEmailQuery(db, eventId, email).executeTakeFirst();
}

const emailLookups = new WeakMap<object, Map<string, (email: string) => Promise<RegistrationRow | undefined>>>();

/** byEmailQuery's SQLite text (parameters: event id, e-mail), compiled once. */
let byEmailSqliteText: string | null = null;

/**
 * findRegistrationByEmail for the registration path, which asks it of every person. On PostgreSQL,
 * the lookups of one event in one turn of the event loop go in one query (lookupBatch). SQLite
 * answers in the process, at once, with the query's text compiled once (Kysely would build and
 * compile the same query for each person).
 */
export async function findRegistrationByEmailShared(db: DbOrTx, eventId: string, email: string): Promise<RegistrationRow | undefined> {
	if (!hasRowLocks(db)) {
		byEmailSqliteText ??= byEmailQuery(db, '', '').compile().sql;
		return (await db.executeQuery(CompiledQuery.raw(byEmailSqliteText, [eventId, email]))).rows[0] as RegistrationRow | undefined;
	}
	let byEvent = emailLookups.get(db);
	if (!byEvent) emailLookups.set(db, (byEvent = new Map()));
	let lookup = byEvent.get(eventId);
	if (!lookup) {
		if (byEvent.size > 1000) byEvent.clear();
		byEvent.set(
			eventId,
			(lookup = lookupBatch(async (emails: string[]) => {
				const found = new Map<string, RegistrationRow>();
				for (let i = 0; i < emails.length; i += 500)
					for (const row of await db
						.selectFrom('registration')
						.selectAll()
						.where('event_id', '=', eventId)
						.where('email', 'in', emails.slice(i, i + 500))
						.execute())
						found.set(row.email!, row);
				return found;
			}))
		);
	}
	return lookup(email);
}

export function findRegistrationById(db: DbOrTx, id: string) {
	return db.selectFrom('registration').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The registration a private link's token (hashed) opens: its first token or a later one. */
export async function findRegistrationByTokenHash(db: DbOrTx, hash: string) {
	const first = await db.selectFrom('registration').selectAll().where('manage_token_hash', '=', hash).executeTakeFirst();
	if (first) return first;
	return db
		.selectFrom('registration_token')
		.innerJoin('registration', 'registration.id', 'registration_token.registration_id')
		.selectAll('registration')
		.where('registration_token.token_hash', '=', hash)
		.executeTakeFirst();
}

export async function insertExtraToken(db: DbOrTx, registrationId: string, hash: string, nowIso: string): Promise<void> {
	await db.insertInto('registration_token').values({ token_hash: hash, registration_id: registrationId, created_at: nowIso }).execute();
}

export function findRegistrationByCheckinCode(db: DbOrTx, code: string) {
	return db.selectFrom('registration').selectAll().where('checkin_code', '=', code).executeTakeFirst();
}

export interface RegistrationBundle {
	row: NewRegistrationRow;
	seats: Insertable<RegistrationSessionTable>[];
	mail: NewMailMessageRow | null;
}

/**
 * New registrations, their seats and their confirmation e-mails: on PostgreSQL in ONE statement
 * (the event's lock is held until the commit, and each round trip while holding it is time every
 * other registration waits), on SQLite in three (see insertRows).
 */
export async function insertRegistrationBundles(tx: Tx, bundles: RegistrationBundle[]): Promise<void> {
	if (bundles.length === 0) return;
	await insertRows(tx, [
		{ table: 'registration', rows: bundles.map((b) => b.row) },
		{ table: 'registration_session', rows: bundles.flatMap((b) => b.seats) },
		{ table: 'mail_message', rows: bundles.flatMap((b) => (b.mail ? [b.mail] : [])) }
	]);
}

/** Changes a registration and raises its version, so that an edit form loaded before is stale. */
export async function updateRegistrationRow(db: DbOrTx, id: string, patch: Updateable<RegistrationTable>): Promise<void> {
	await db
		.updateTable('registration')
		.set({ ...patch, version: sql<number>`version + 1` })
		.where('id', '=', id)
		.execute();
}

export async function deleteRegistrationRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('registration').where('id', '=', id).execute();
}

export async function insertSeatRows(db: DbOrTx, rows: Insertable<RegistrationSessionTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('registration_session').values(rows).execute();
}

export async function deleteSeatRows(db: DbOrTx, registrationId: string, sessionIds?: string[]): Promise<void> {
	if (sessionIds && sessionIds.length === 0) return;
	let q = db.deleteFrom('registration_session').where('registration_id', '=', registrationId);
	if (sessionIds) q = q.where('session_id', 'in', sessionIds);
	await q.execute();
}

export async function confirmSeatRows(db: DbOrTx, sessionId: string, registrationIds: string[]): Promise<void> {
	if (registrationIds.length === 0) return;
	await db
		.updateTable('registration_session')
		.set({ status: 'confirmed' })
		.where('session_id', '=', sessionId)
		.where('registration_id', 'in', registrationIds)
		.execute();
}

/** Seats of several registrations, grouped by registration id. */
export async function listSeatsByRegistration(db: DbOrTx, registrationIds: string[]): Promise<Map<string, SeatRow[]>> {
	const map = new Map<string, SeatRow[]>();
	if (registrationIds.length === 0) return map;
	for (let i = 0; i < registrationIds.length; i += 500) {
		const rows = await db
			.selectFrom('registration_session')
			.selectAll()
			.where('registration_id', 'in', registrationIds.slice(i, i + 500))
			.execute();
		for (const r of rows) {
			const list = map.get(r.registration_id) ?? [];
			list.push(r);
			map.set(r.registration_id, list);
		}
	}
	return map;
}

export interface RegistrationFilter {
	status?: string;
	structureType?: string;
	role?: string;
	departement?: string;
	sessionId?: string;
	seatStatus?: string;
	/** Part of a name, structure or e-mail, case and accents ignored: see participant-search.ts. */
	q?: string;
}

/** The event's registrations matching the filters; the text search `q` is participant-search.ts's. */
function matchingRegistrations(db: DbOrTx, eventId: string, filter: Omit<RegistrationFilter, 'q'>) {
	let q = db.selectFrom('registration').where('registration.event_id', '=', eventId);
	if (filter.status) q = q.where('registration.status', '=', filter.status);
	else q = q.where('registration.status', '!=', 'cancelled');
	if (filter.structureType) q = q.where('registration.structure_type', '=', filter.structureType);
	if (filter.role) q = q.where('registration.role', '=', filter.role);
	if (filter.departement) q = q.where('registration.departement', '=', filter.departement);
	if (filter.sessionId) {
		const sessionId = filter.sessionId;
		const seatStatus = filter.seatStatus;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('registration_session')
					.select('registration_session.registration_id')
					.whereRef('registration_session.registration_id', '=', 'registration.id')
					.where('registration_session.session_id', '=', sessionId)
					.$if(!!seatStatus, (w) => w.where('registration_session.status', '=', seatStatus!))
			)
		);
	}
	return q
		.orderBy(sql`lower(registration.last_name)`)
		.orderBy(sql`lower(registration.first_name)`)
		.orderBy('registration.id');
}

/**
 * The event's registrations matching the filters, by last then first name; at most `limit`. No
 * `q` here (the type refuses it): a text search goes through `searchRegistrationRows`.
 */
export function listRegistrationRows(db: DbOrTx, eventId: string, filter: RegistrationFilter & { q?: undefined }, limit = 5000) {
	return matchingRegistrations(db, eventId, filter).selectAll('registration').limit(limit).execute();
}

/** The searched columns of every registration matching the filters, in list order. */
export function listRegistrationSearchText(db: DbOrTx, eventId: string, filter: Omit<RegistrationFilter, 'q'>) {
	return matchingRegistrations(db, eventId, filter)
		.select(['registration.id', 'registration.first_name', 'registration.last_name', 'registration.structure_name', 'registration.email'])
		.execute();
}

/** These registrations, in no particular order (missing ids are skipped). */
export async function listRegistrationRowsByIds(db: DbOrTx, ids: string[]): Promise<RegistrationRow[]> {
	const rows: RegistrationRow[] = [];
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		rows.push(...(await db.selectFrom('registration').selectAll().where('id', 'in', chunk).execute()));
	}
	return rows;
}

/** The seats of one session with their people, waiting list in its order after the confirmed. */
export function listSessionSeatRows(db: DbOrTx, sessionId: string) {
	return db
		.selectFrom('registration_session')
		.innerJoin('registration', 'registration.id', 'registration_session.registration_id')
		.select([
			'registration.id',
			'registration.first_name',
			'registration.last_name',
			'registration.structure_name',
			'registration.email',
			'registration.status as registration_status',
			'registration_session.status',
			'registration_session.requested_at'
		])
		.where('registration_session.session_id', '=', sessionId)
		.orderBy('registration_session.status')
		.orderBy('registration_session.requested_at')
		.orderBy('registration.id')
		.execute();
}

/** Confirmed registrations per value of a column, for the counts organisers report. */
export async function countConfirmedBy(
	db: DbOrTx,
	eventId: string,
	column: 'structure_type' | 'role' | 'departement'
): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('registration')
		.select([column, (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.groupBy(column)
		.execute();
	return new Map(rows.map((r) => [String((r as Record<string, unknown>)[column] ?? ''), Number(r.n)]));
}

/** Structure names of confirmed registrations, to count distinct structures once folded. */
export async function listConfirmedStructureNames(db: DbOrTx, eventId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('registration')
		.select('structure_name')
		.distinct()
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.execute();
	return rows.map((r) => r.structure_name);
}

/** Per session: confirmed and waiting seats, and confirmed seat holders checked in on its half-day. */
export async function countSeatsByEvent(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration_session')
		.innerJoin('session', 'session.id', 'registration_session.session_id')
		.select(['registration_session.session_id', 'registration_session.status', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('session.event_id', '=', eventId)
		.groupBy(['registration_session.session_id', 'registration_session.status'])
		.execute();
}

// ---------------------------------------------------------------------------------------------
// Custom questions and answers

export function listQuestionRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration_question')
		.selectAll()
		.where('event_id', '=', eventId)
		.orderBy('position')
		.orderBy('created_at')
		.execute();
}

export async function insertQuestionRow(db: DbOrTx, row: Insertable<RegistrationQuestionTable>): Promise<void> {
	await db.insertInto('registration_question').values(row).execute();
}

export async function updateQuestionRow(db: DbOrTx, id: string, patch: Updateable<RegistrationQuestionTable>): Promise<void> {
	await db.updateTable('registration_question').set(patch).where('id', '=', id).execute();
}

export async function deleteQuestionRow(db: DbOrTx, eventId: string, id: string): Promise<number> {
	const r = await db.deleteFrom('registration_question').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows);
}

export async function deleteAnswerRows(db: DbOrTx, registrationId: string): Promise<void> {
	await db.deleteFrom('registration_answer').where('registration_id', '=', registrationId).execute();
}

export async function insertAnswerRows(db: DbOrTx, rows: AnswerRow[]): Promise<void> {
	if (rows.length) await db.insertInto('registration_answer').values(rows).execute();
}

export async function listAnswersByRegistration(db: DbOrTx, registrationIds: string[]): Promise<Map<string, AnswerRow[]>> {
	const map = new Map<string, AnswerRow[]>();
	for (let i = 0; i < registrationIds.length; i += 500) {
		const rows = await db
			.selectFrom('registration_answer')
			.selectAll()
			.where('registration_id', 'in', registrationIds.slice(i, i + 500))
			.execute();
		for (const r of rows) {
			const list = map.get(r.registration_id) ?? [];
			list.push(r);
			map.set(r.registration_id, list);
		}
	}
	return map;
}

// ---------------------------------------------------------------------------------------------
// Reminders and retention

/** Confirmed registrations of events starting within the window, without a reminder of `kind` yet. */
export function listRegistrationsDueForReminder(
	db: DbOrTx,
	args: { kind: string; startsFrom: string; startsBefore: string; createdBefore: string }
) {
	const enabled =
		args.kind === 'j7' ? 'event_registration_settings.reminder_j7_enabled' : 'event_registration_settings.reminder_j1_enabled';
	return db
		.selectFrom('registration')
		.innerJoin('event', 'event.id', 'registration.event_id')
		.innerJoin('event_registration_settings', 'event_registration_settings.event_id', 'event.id')
		.selectAll('registration')
		.select(['event.starts_at as event_starts_at'])
		.where('event.status', '=', 'published')
		.where('event.starts_at', '>', args.startsFrom)
		.where('event.starts_at', '<=', args.startsBefore)
		.where(enabled, '=', 1)
		.where('registration.status', '=', 'confirmed')
		.where('registration.email', 'is not', null)
		.where('registration.created_at', '<', args.createdBefore)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('registration_reminder')
						.select('registration_reminder.registration_id')
						.whereRef('registration_reminder.registration_id', '=', 'registration.id')
						.where('registration_reminder.kind', '=', args.kind)
				)
			)
		)
		.orderBy('registration.event_id')
		.limit(1000)
		.execute();
}

/** Records a reminder; false when another process recorded it first (then it must not be queued). */
export async function claimReminder(db: DbOrTx, registrationId: string, kind: string, nowIso: string): Promise<boolean> {
	const r = await db
		.insertInto('registration_reminder')
		.values({ registration_id: registrationId, kind, queued_at: nowIso })
		.onConflict((oc) => oc.columns(['registration_id', 'kind']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Registrations of events that ended before `endedBefore` (their data is past its keeping time). */
/**
 * The e-mails to the people registered at events that ended before `endedBefore` (queued, sent
 * or failed; one being sent is left to its worker), before their registrations are erased.
 */
export async function deleteRegistrationMailsOfEventsEndedBefore(db: DbOrTx, endedBefore: string): Promise<number> {
	const r = await db
		.deleteFrom('mail_message')
		.where('status', 'in', ['preparing', 'pending', 'sent', 'failed'])
		.where('event_id', 'in', (eb) => eb.selectFrom('event').select('id').where('ends_at', '<', endedBefore))
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('registration')
					.select('registration.id')
					.whereRef('registration.event_id', '=', 'mail_message.event_id')
					.whereRef('registration.email', '=', 'mail_message.to_address')
			)
		)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

export async function deleteRegistrationsOfEventsEndedBefore(db: DbOrTx, endedBefore: string): Promise<number> {
	const r = await db
		.deleteFrom('registration')
		.where('event_id', 'in', (eb) => eb.selectFrom('event').select('id').where('ends_at', '<', endedBefore))
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

/** Confirmed seat holders of the event's sessions who checked in, per session and half-day. */
export async function countSeatCheckins(db: DbOrTx, eventId: string) {
	const rows = await db
		.selectFrom('registration_session')
		.innerJoin('session', 'session.id', 'registration_session.session_id')
		.innerJoin('checkin', 'checkin.registration_id', 'registration_session.registration_id')
		.select(['registration_session.session_id', 'checkin.half_day', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('session.event_id', '=', eventId)
		.where('registration_session.status', '=', 'confirmed')
		.groupBy(['registration_session.session_id', 'checkin.half_day'])
		.execute();
	return rows.map((r) => ({ sessionId: r.session_id, halfDay: r.half_day, n: Number(r.n) }));
}

/**
 * The counts a registration decides on, in one round trip (it runs under the locks, where every
 * round trip lengthens the wait of the others): confirmed registrations of the event (when
 * `eventId` is given) and confirmed / waiting seats of each session.
 */
export async function countQuotas(db: DbOrTx, eventId: string | null, sessionIds: string[]) {
	const seats = new Map<string, { confirmed: number; waitlisted: number }>(sessionIds.map((id) => [id, { confirmed: 0, waitlisted: 0 }]));
	let eventConfirmed = 0;
	const eventPart = eventId
		? db
				.selectFrom('registration')
				.select([
					sql<string>`'*event*'`.as('session_id'),
					sql<string>`'confirmed'`.as('status'),
					(eb) => eb.fn.countAll<string | number>().as('n')
				])
				.where('event_id', '=', eventId)
				.where('status', '=', 'confirmed')
		: null;
	const seatPart = sessionIds.length
		? db
				.selectFrom('registration_session')
				.select(['session_id', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
				.where('session_id', 'in', sessionIds)
				.groupBy(['session_id', 'status'])
		: null;
	const query = eventPart && seatPart ? eventPart.unionAll(seatPart) : (eventPart ?? seatPart);
	if (!query) return { eventConfirmed, seats };
	for (const r of await query.execute()) {
		if (r.session_id === '*event*') eventConfirmed = Number(r.n);
		else {
			const c = seats.get(r.session_id);
			if (c && r.status === 'confirmed') c.confirmed = Number(r.n);
			else if (c && r.status === 'waitlisted') c.waitlisted = Number(r.n);
		}
	}
	return { eventConfirmed, seats };
}

/** Removes a cancelled registration before the same person registers again. */
export async function deleteCancelledRegistration(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('registration').where('id', '=', id).where('status', '=', 'cancelled').execute();
}

/** Diets and their free-text details of the confirmed people who lunch on site. */
export function listMealRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration')
		.select(['diets', 'diet_details'])
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.where('meal', '=', 1)
		.execute();
}

export async function findVenueDepartement(db: DbOrTx, eventId: string): Promise<string | null> {
	const row = await db.selectFrom('event').select('venue_departement').where('id', '=', eventId).executeTakeFirst();
	return row?.venue_departement ?? null;
}

export function findEventSlugById(db: DbOrTx, eventId: string) {
	return db.selectFrom('event').select('slug').where('id', '=', eventId).executeTakeFirst();
}

export function findSessionEvent(db: DbOrTx, sessionId: string) {
	return db.selectFrom('session').select(['id', 'event_id']).where('id', '=', sessionId).executeTakeFirst();
}

/** Place of a waiting seat in its queue: how many wait before it (1 = next). */
export async function countWaitersAhead(
	db: DbOrTx,
	seat: { session_id: string; registration_id: string; requested_at: string | Date }
): Promise<number> {
	const row = await db
		.selectFrom('registration_session')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('session_id', '=', seat.session_id)
		.where('status', '=', 'waitlisted')
		.where((eb) =>
			eb.or([
				eb('requested_at', '<', seat.requested_at),
				eb.and([eb('requested_at', '=', seat.requested_at), eb('registration_id', '<', seat.registration_id)])
			])
		)
		.executeTakeFirstOrThrow();
	return Number(row.n) + 1;
}

/** The e-mails of an event to an address (queued, sent or failed), when its holder erases their data. */
export async function deleteMailsTo(db: DbOrTx, eventId: string, address: string): Promise<void> {
	await db
		.deleteFrom('mail_message')
		.where('event_id', '=', eventId)
		.where('to_address', '=', address)
		.where('status', 'in', ['preparing', 'pending', 'sent', 'failed'])
		.execute();
}

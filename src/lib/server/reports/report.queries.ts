/**
 * All Kysely code of the report. Every read here is one statement whose number does not depend
 * on the number of participants or sessions: the report's test counts them (30 vs 3,000 people).
 */
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { EventReportTable, SessionSynthesisTable } from '../db/tables/reports.ts';

export type ReportRow = Selectable<EventReportTable>;
export type SynthesisRow = Selectable<SessionSynthesisTable>;

export function findReportRow(db: DbOrTx, eventId: string): Promise<ReportRow | undefined> {
	return db.selectFrom('event_report').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/**
 * Inserts the event's report row, or updates the given columns and raises its version when it
 * exists; with `versions`, only while it has one of them (0: no row yet). False when nothing was written.
 */
export async function upsertReportRow(
	db: DbOrTx,
	eventId: string,
	values: Updateable<EventReportTable> & { updated_at: string },
	versions?: number[]
): Promise<boolean> {
	const row: Insertable<EventReportTable> = { event_id: eventId, ...values } as Insertable<EventReportTable>;
	if (versions && !versions.includes(0)) {
		// The row must exist at one of these versions: a plain compare-and-set UPDATE.
		const r = await db
			.updateTable('event_report')
			.set({ ...values, version: sql<number>`version + 1` })
			.where('event_id', '=', eventId)
			.where('version', 'in', versions)
			.executeTakeFirst();
		return Number(r.numUpdatedRows) > 0;
	}
	const r = await db
		.insertInto('event_report')
		.values(row)
		.onConflict((oc) => {
			const update = oc.column('event_id').doUpdateSet({ ...values, version: sql<number>`event_report.version + 1` });
			// Loaded before the row existed (version 0): someone created it meanwhile, nothing is written.
			return versions ? update.where(sql<boolean>`false`) : update;
		})
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Sessions with their room's name, in programme order. */
export function listReportSessions(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.leftJoin('room', 'room.id', 'session.room_id')
		.select([
			'session.id',
			'session.title',
			'session.format',
			'session.description',
			'session.starts_at',
			'session.ends_at',
			'session.room_id',
			'session.requires_registration',
			'room.name as room_name'
		])
		.where('session.event_id', '=', eventId)
		.orderBy('session.starts_at')
		.orderBy('session.title')
		.orderBy('session.id')
		.execute();
}

/** Every speaker of every session of the event, with their structure (declined speakers left out). */
export function listReportSpeakers(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session_speaker')
		.innerJoin('speaker', 'speaker.id', 'session_speaker.speaker_id')
		.select(['session_speaker.session_id', 'speaker.id', 'speaker.name', 'speaker.organisation', 'session_speaker.part'])
		.where('speaker.event_id', '=', eventId)
		.where('speaker.status', '!=', 'declined')
		.orderBy('session_speaker.session_id')
		.orderBy('session_speaker.position')
		.execute();
}

export function listReportResources(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session_resource')
		.innerJoin('session', 'session.id', 'session_resource.session_id')
		.select([
			'session_resource.session_id',
			'session_resource.kind',
			'session_resource.title',
			'session_resource.url',
			'session_resource.file_id'
		])
		.where('session.event_id', '=', eventId)
		.orderBy('session_resource.session_id')
		.orderBy('session_resource.position')
		.execute();
}

export function listSynthesisRows(db: DbOrTx, eventId: string): Promise<SynthesisRow[]> {
	return db.selectFrom('session_synthesis').selectAll().where('event_id', '=', eventId).execute();
}

export function findSynthesisRow(db: DbOrTx, sessionId: string): Promise<SynthesisRow | undefined> {
	return db.selectFrom('session_synthesis').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}

/**
 * Inserts a session's synthesis, or replaces it and raises its version; with `versions`, only while
 * it has one of them (0: no row yet). False when nothing was written (someone saved meanwhile).
 */
export async function upsertSynthesisRow(db: DbOrTx, row: Insertable<SessionSynthesisTable>, versions?: number[]): Promise<boolean> {
	const values = { sections: row.sections, recording_url: row.recording_url, updated_at: row.updated_at };
	if (versions && !versions.includes(0)) {
		const r = await db
			.updateTable('session_synthesis')
			.set({ ...values, version: sql<number>`version + 1` })
			.where('session_id', '=', row.session_id)
			.where('version', 'in', versions)
			.executeTakeFirst();
		return Number(r.numUpdatedRows) > 0;
	}
	const r = await db
		.insertInto('session_synthesis')
		.values(row)
		.onConflict((oc) => {
			const update = oc.column('session_id').doUpdateSet({ ...values, version: sql<number>`session_synthesis.version + 1` });
			// Loaded before the synthesis existed (version 0): someone wrote it meanwhile, nothing is written.
			return versions ? update.where(sql<boolean>`false`) : update;
		})
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The preparation's figures in one statement: committee persons, meetings, hours, first dates. */
export async function findPreparationFigures(db: DbOrTx, eventId: string) {
	const row = await db
		.selectNoFrom((eb) => [
			eb
				.selectFrom('committee_member')
				.select((e) => e.fn.countAll<string | number>().as('n'))
				.where('event_id', '=', eventId)
				.where('kind', '=', 'person')
				.as('people'),
			eb
				.selectFrom('meeting')
				.select((e) => e.fn.countAll<string | number>().as('n'))
				.where('event_id', '=', eventId)
				.as('meetings'),
			eb
				.selectFrom('meeting')
				.select((e) => e.fn.min('held_on').as('d'))
				.where('event_id', '=', eventId)
				.as('first_meeting'),
			eb
				.selectFrom('time_entry')
				.select((e) => e.fn.coalesce(e.fn.sum<string | number>('minutes'), sql<number>`0`).as('m'))
				.where('event_id', '=', eventId)
				.as('minutes'),
			eb
				.selectFrom('time_entry')
				.select((e) => e.fn.min('spent_on').as('d'))
				.where('event_id', '=', eventId)
				.as('first_time'),
			eb
				.selectFrom('time_entry')
				.select((e) => e.fn.min('created_at').as('d'))
				.where('event_id', '=', eventId)
				.as('first_time_logged')
		])
		.executeTakeFirstOrThrow();
	return {
		people: Number(row.people ?? 0),
		meetings: Number(row.meetings ?? 0),
		minutes: Number(row.minutes ?? 0),
		firstMeeting: (row.first_meeting as string | null) ?? null,
		firstTime: (row.first_time as string | null) ?? (row.first_time_logged ? String(row.first_time_logged) : null)
	};
}

/** Milestones of the retro-planning and meetings, for the preparation's timeline. */
export function listMilestoneRows(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('planning_task')
		.select(['title', 'phase', 'offset_days', 'fixed_date', 'status'])
		.where('event_id', '=', eventId)
		.where('kind', '=', 'milestone')
		.where('status', '!=', 'cancelled')
		.execute();
}

export function listMeetingDates(db: DbOrTx, eventId: string) {
	return db.selectFrom('meeting').select(['held_on', 'title']).where('event_id', '=', eventId).orderBy('held_on').execute();
}

/**
 * Registrations (not cancelled) grouped by status, type, role, département and whether the person
 * checked in at least once: every breakdown of the participation in one statement.
 */
export async function countRegistrationGroups(db: DbOrTx, eventId: string) {
	const rows = await db
		.selectFrom('registration as r')
		.select((eb) => [
			'r.status',
			'r.structure_type',
			'r.role',
			'r.departement',
			eb
				.case()
				.when(eb.exists(eb.selectFrom('checkin as c').select('c.half_day').whereRef('c.registration_id', '=', 'r.id')))
				.then(1)
				.else(0)
				.end()
				.as('came'),
			eb.fn.countAll<string | number>().as('n')
		])
		.where('r.event_id', '=', eventId)
		.where('r.status', '!=', 'cancelled')
		.groupBy(['r.status', 'r.structure_type', 'r.role', 'r.departement', 'came'])
		.execute();
	return rows.map((r) => ({
		status: r.status,
		structureType: r.structure_type,
		role: r.role,
		departement: r.departement ?? '',
		came: Number(r.came) === 1,
		n: Number(r.n)
	}));
}

/** The distinct (structure, commune) pairs of people who checked in, for the count of structures. */
export function listAttendedStructures(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration as r')
		.select(['r.structure_name', 'r.insee_code', 'r.commune'])
		.distinct()
		.where('r.event_id', '=', eventId)
		.where('r.status', '!=', 'cancelled')
		.where((eb) => eb.exists(eb.selectFrom('checkin as c').select('c.half_day').whereRef('c.registration_id', '=', 'r.id')))
		.execute();
}

/** Confirmed registrations that ticked each half-day: one statement, one column per half-day. */
export async function countRegisteredByHalfDay(db: DbOrTx, eventId: string, keys: string[]): Promise<Map<string, number>> {
	if (keys.length === 0) return new Map();
	const row = await db
		.selectFrom('registration')
		.select((eb) =>
			keys.map((k, i) => eb.fn.sum<string | number>(eb.case().when('half_days', 'like', `%"${k}"%`).then(1).else(0).end()).as(`h${i}`))
		)
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.executeTakeFirst();
	const values = (row ?? {}) as Record<string, unknown>;
	return new Map(keys.map((k, i) => [k, Number(values[`h${i}`] ?? 0)]));
}

export async function countCheckinsPerHalfDay(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('checkin')
		.select(['half_day', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('event_id', '=', eventId)
		.groupBy('half_day')
		.execute();
	return new Map(rows.map((r) => [r.half_day, Number(r.n)]));
}

/** The event of a later edition prepared from this one, if any. */
export function findNextEditionRow(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('event_report')
		.innerJoin('event', 'event.id', 'event_report.event_id')
		.select(['event.id', 'event.slug', 'event.title'])
		.where('event_report.previous_event_id', '=', eventId)
		.executeTakeFirst();
}

/** One check-in row per half-day for a registration, with its time (certificates). */
export function listCheckinsOf(db: DbOrTx, registrationIds: string[]) {
	if (registrationIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('checkin')
		.select(['registration_id', 'half_day', 'checked_in_at'])
		.where('registration_id', 'in', registrationIds)
		.orderBy('half_day')
		.execute();
}

/** Registrations checked in at least once, by name (certificates for everyone). */
export function listAttendedRegistrations(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('registration as r')
		.select(['r.id', 'r.first_name', 'r.last_name', 'r.structure_name'])
		.where('r.event_id', '=', eventId)
		.where('r.status', '!=', 'cancelled')
		.where((eb) => eb.exists(eb.selectFrom('checkin as c').select('c.half_day').whereRef('c.registration_id', '=', 'r.id')))
		.orderBy('r.last_name')
		.orderBy('r.first_name')
		.execute();
}

/** Confirmed seats of the given registrations (certificates: the sessions attended). */
export function listSeatsOf(db: DbOrTx, registrationIds: string[]) {
	if (registrationIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('registration_session')
		.select(['registration_id', 'session_id'])
		.where('registration_id', 'in', registrationIds)
		.where('status', '=', 'confirmed')
		.execute();
}

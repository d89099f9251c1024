/**
 * An event as registration sees it: its settings (with defaults), its sessions with their
 * effective capacity and audience, its own questions, its half-days and whether registration is
 * open now.
 */
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { NotFoundError } from '../validation.ts';
import { eventHalfDays, halfDayOf, type HalfDay } from './half-days.ts';
import { listQuestionRows, type SettingsRow } from './registration.queries.ts';
import {
	ensureSettingsRow,
	findEventRowById,
	findEventRowBySlug,
	findSettings,
	listEventSessionRows,
	type EventLiteRow,
	type SessionRow
} from './registration-event.queries.ts';
import type { MailEventInfo, MailProgrammeItem } from './registration-mail.ts';
import type { ParticipantRole, QuestionKind, SeatStatus } from './registration.schema.ts';

export interface RegistrationEvent {
	id: string;
	slug: string;
	title: string;
	status: string;
	startsAt: string;
	endsAt: string;
	format: string;
	venueName: string | null;
	venueAddress: string | null;
	commune: string | null;
	onlineUrl: string | null;
	/** "Espace Noriac, 10 rue …, Limoges", or null for an online event. */
	place: string | null;
}

export interface RegistrationSettingsView {
	capacity: number | null;
	registrationOpensAt: string | null;
	registrationClosesAt: string | null;
	/** When registration closes in fact: the setting, else the end of the event. */
	closesAt: string;
	waitlistEnabled: boolean;
	/** Public registrations hold no place until their e-mail address is confirmed (registration-hold.service.ts). */
	doubleOptIn: boolean;
	reminders: { j7: { enabled: boolean; text: string }; j1: { enabled: boolean; text: string } };
	/** Raised at each change: the settings form and If-Match send it back (no lost update). */
	version: number;
}

export interface SessionInfo {
	id: string;
	title: string;
	format: string;
	startsAt: string;
	endsAt: string;
	room: string | null;
	roomId: string | null;
	/** Seats: the session's own capacity, else its room's; null = no limit. */
	capacity: number | null;
	ownCapacity: number | null;
	roomCapacity: number | null;
	requiresRegistration: boolean;
	/**
	 * The roles the session is reserved to (the programme's `audience`, whose categories are the
	 * roles people register with); empty = open to all.
	 */
	audience: ParticipantRole[];
	halfDay: string;
}

export interface QuestionInfo {
	id: string;
	label: string;
	kind: QuestionKind;
	options: string[];
	required: boolean;
	position: number;
	/** Raised at each change of the question (not of its place): its edit form sends it back. */
	version: number;
}

export interface LoadedEvent {
	event: RegistrationEvent;
	settings: RegistrationSettingsView;
	sessions: SessionInfo[];
	questions: QuestionInfo[];
	halfDays: HalfDay[];
	/**
	 * The sessions that need no seat (plenaries, round tables, breaks…) by half-day key, in time
	 * order: what every e-mail lists around the person's workshops, sorted once per load rather
	 * than once per registration.
	 */
	openSessionsByHalfDay: Map<string, SessionInfo[]>;
	/** The ids of the sessions that need a seat: what a registration batch locks and counts at once. */
	bookableSessionIds: string[];
}

export function toRegistrationEvent(row: EventLiteRow): RegistrationEvent {
	const place = [row.venue_name, row.venue_address, row.venue_commune].filter(Boolean).join(', ');
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		status: row.status,
		startsAt: toIso(row.starts_at),
		endsAt: toIso(row.ends_at),
		format: row.format,
		venueName: row.venue_name,
		venueAddress: row.venue_address,
		commune: row.venue_commune,
		onlineUrl: row.online_url,
		place: row.format === 'online' || !place ? null : place
	};
}

export function toSettingsView(row: SettingsRow | undefined, event: RegistrationEvent): RegistrationSettingsView {
	const closes = row?.closes_at ? toIso(row.closes_at) : null;
	return {
		capacity: row?.capacity == null ? null : Number(row.capacity),
		registrationOpensAt: row?.opens_at ? toIso(row.opens_at) : null,
		registrationClosesAt: closes,
		closesAt: closes ?? event.endsAt,
		waitlistEnabled: Number(row?.waitlist_enabled ?? 0) === 1,
		doubleOptIn: Number(row?.double_opt_in ?? 0) === 1,
		reminders: {
			j7: { enabled: Number(row?.reminder_j7_enabled ?? 1) === 1, text: row?.reminder_j7_text ?? '' },
			j1: { enabled: Number(row?.reminder_j1_enabled ?? 1) === 1, text: row?.reminder_j1_text ?? '' }
		},
		// A missing row is created with version 1 before anyone writes it (loadRegistrationEvent).
		version: Number(row?.version ?? 1)
	};
}

export function toSessionInfo(r: SessionRow): SessionInfo {
	const own = r.capacity === null ? null : Number(r.capacity);
	const room = r.room_capacity === null || r.room_capacity === undefined ? null : Number(r.room_capacity);
	const startsAt = toIso(r.starts_at);
	return {
		id: r.id,
		title: r.title,
		format: r.format,
		startsAt,
		endsAt: toIso(r.ends_at),
		room: r.room_name ?? null,
		roomId: r.room_id,
		capacity: own ?? room,
		ownCapacity: own,
		roomCapacity: room,
		requiresRegistration: Number(r.requires_registration) === 1,
		audience: JSON.parse(r.audience) as ParticipantRole[],
		halfDay: halfDayOf(startsAt)
	};
}

/** Loads the event by slug or id with everything registration needs; NotFoundError if missing. */
export async function loadRegistrationEvent(db: DbOrTx, ref: { slug: string } | { id: string }): Promise<LoadedEvent> {
	const row = 'slug' in ref ? await findEventRowBySlug(db, ref.slug) : await findEventRowById(db, ref.id);
	if (!row) throw new NotFoundError('event');
	const event = toRegistrationEvent(row);
	const [settings, sessions, questions] = await Promise.all([
		findSettings(db, row.id),
		listEventSessionRows(db, row.id),
		listQuestionRows(db, row.id)
	]);
	// The settings row is also the event's quota lock: it must exist before anyone locks it.
	if (!settings) await ensureSettingsRow(db, row.id, new Date().toISOString());
	const infos = sessions.map(toSessionInfo);
	return {
		event,
		settings: toSettingsView(settings, event),
		sessions: infos,
		questions: questions.map((q) => ({
			id: q.id,
			label: q.label,
			kind: q.kind as QuestionKind,
			options: JSON.parse(q.options) as string[],
			required: Number(q.required) === 1,
			position: Number(q.position),
			version: Number(q.version)
		})),
		halfDays: eventHalfDays(event.startsAt, event.endsAt),
		openSessionsByHalfDay: openSessionsByHalfDay(infos),
		bookableSessionIds: infos.filter((s) => s.requiresRegistration).map((s) => s.id)
	};
}

function openSessionsByHalfDay(sessions: SessionInfo[]): Map<string, SessionInfo[]> {
	const map = new Map<string, SessionInfo[]>();
	// `sessions` come in time order (start, title) from the query.
	for (const s of sessions) if (!s.requiresRegistration) map.set(s.halfDay, [...(map.get(s.halfDay) ?? []), s]);
	return map;
}

/**
 * The sessions open to all that the person's programme lists: on the half-days they attend and
 * open to their role. From the loaded event, without a query.
 */
export function openSessionsFor(
	loaded: Pick<LoadedEvent, 'openSessionsByHalfDay'>,
	halfDays: Iterable<string>,
	role: string
): SessionInfo[] {
	const out: SessionInfo[] = [];
	for (const key of new Set(halfDays))
		for (const s of loaded.openSessionsByHalfDay.get(key) ?? [])
			if (s.audience.length === 0 || s.audience.includes(role as ParticipantRole)) out.push(s);
	return out;
}

// A registration rush reads the same event thousands of times a minute: its settings, sessions and
// questions are kept for a short while per database handle. Two seconds of staleness is harmless:
// every count and capacity that decides a place is read again under the locks, and this area's
// own changes (settings, questions) forget the cache at once; only other processes (and the
// programme's edits) may be seen up to two seconds late.
const CACHE_MS = 2000;
const cache = new WeakMap<object, Map<string, { at: number; value: Promise<LoadedEvent> }>>();

/**
 * `loadRegistrationEvent` by slug (or `{ id }`), through the short cache above; for the
 * registration path and the confirmations written after it.
 */
export async function loadRegistrationEventCached(db: DbOrTx, ref: string | { id: string }): Promise<LoadedEvent> {
	let byDb = cache.get(db);
	if (!byDb) cache.set(db, (byDb = new Map()));
	const key = typeof ref === 'string' ? `slug:${ref}` : `id:${ref.id}`;
	const hit = byDb.get(key);
	const now = Date.now();
	if (hit && now - hit.at < CACHE_MS) return hit.value;
	// The load itself is kept, not only its result: the hundred requests of a rush that find the
	// entry expired wait for one load (on PostgreSQL they used to start a hundred).
	const value = loadRegistrationEvent(db, typeof ref === 'string' ? { slug: ref } : ref);
	if (byDb.size > 1000) byDb.clear();
	const entry = { at: now, value };
	byDb.set(key, entry);
	// A failed load (no such event) is not kept.
	const map = byDb;
	value.catch(() => map.get(key) === entry && map.delete(key));
	return value;
}

/** Forgets what the cache holds for this database (after a change of settings, questions…). */
export function forgetRegistrationEvents(db: DbOrTx): void {
	cache.delete(db);
}

export type WindowState = 'open' | 'not-yet' | 'closed' | 'unpublished';

/** Whether people may register online now. */
export function registrationWindow(loaded: Pick<LoadedEvent, 'event' | 'settings'>, now: Date): WindowState {
	if (loaded.event.status !== 'published') return loaded.event.status === 'archived' ? 'closed' : 'unpublished';
	const n = now.toISOString();
	if (loaded.settings.registrationOpensAt && n < loaded.settings.registrationOpensAt) return 'not-yet';
	if (n >= loaded.settings.closesAt) return 'closed';
	return 'open';
}

export function mailEventInfo(event: RegistrationEvent): MailEventInfo {
	return {
		id: event.id,
		slug: event.slug,
		title: event.title,
		startsAt: event.startsAt,
		endsAt: event.endsAt,
		place: event.place,
		onlineUrl: event.onlineUrl
	};
}

/**
 * Parallel workshops as the form offers them: bookable sessions grouped into time slots where
 * each overlaps the slot's span; one choice per slot.
 */
export function sessionSlots(sessions: SessionInfo[]): { key: string; startsAt: string; endsAt: string; sessions: SessionInfo[] }[] {
	const bookable = sessions
		.filter((s) => s.requiresRegistration)
		.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.title.localeCompare(b.title));
	const slots: { key: string; startsAt: string; endsAt: string; sessions: SessionInfo[] }[] = [];
	for (const s of bookable) {
		const last = slots[slots.length - 1];
		if (last && s.startsAt < last.endsAt) {
			last.sessions.push(s);
			if (s.endsAt > last.endsAt) last.endsAt = s.endsAt;
		} else slots.push({ key: `slot-${slots.length + 1}`, startsAt: s.startsAt, endsAt: s.endsAt, sessions: [s] });
	}
	return slots;
}

/** Whether two sessions overlap in time (touching ends do not). */
export function overlaps(a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean {
	return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/**
 * The person's programme for an e-mail: their workshop seats, and the sessions needing no seat on
 * the half-days they attend (open to their role). All from the loaded event: no query.
 */
export function mailProgramme(
	loaded: LoadedEvent,
	seats: { session_id: string; status: string }[],
	person: { halfDays: Iterable<string>; role: string }
): MailProgrammeItem[] {
	const byId = new Map(loaded.sessions.map((s) => [s.id, s]));
	const item = (s: SessionInfo, status: MailProgrammeItem['status']): MailProgrammeItem => ({
		sessionId: s.id,
		title: s.title,
		startsAt: s.startsAt,
		endsAt: s.endsAt,
		room: s.room,
		status
	});
	return [
		...openSessionsFor(loaded, person.halfDays, person.role).map((s) => item(s, 'open')),
		...seats.flatMap((seat) => {
			const s = byId.get(seat.session_id);
			return s ? [item(s, seat.status as SeatStatus)] : [];
		})
	];
}

/**
 * The programme's warnings, computed in one place from plain data: no database, no clock. They
 * never block a save; the editor shows each one beside the sessions it names, the API lists them
 * at `GET /api/v1/events/{slug}/conflicts`.
 *
 * - `room-overlap`: two sessions in one room at the same time.
 * - `speaker-overlap`: a speaker in two sessions at the same time.
 * - `speaker-no-travel-time`: a speaker goes from one room to another with less than
 *   TRAVEL_MINUTES between the two sessions.
 * - `over-capacity`: more people expected than the room holds (or a session's own capacity above
 *   the room's, or more people expected than the session's capacity).
 * - `no-breathing-time`: less than the event's minimum break between two sessions that one
 *   participant could attend one after the other (informal formats are breathing time
 *   themselves; sessions reserved to audiences that do not meet are not chained).
 * - `no-informal-time`: a day without any `social`, `break` or `stand` slot.
 */
import { translator, type Lang } from '../../i18n/index.ts';
import { dayLabelOf as formatDay, timeOf as formatTime, dayOf as parisDay, parisIsoOf } from '../../ui/programme/paris-time.ts';
import { INFORMAL_FORMATS, type SessionFormat } from './programme.schema.ts';

export const CONFLICT_KINDS = [
	'room-overlap',
	'speaker-overlap',
	'speaker-no-travel-time',
	'over-capacity',
	'no-breathing-time',
	'no-informal-time',
	'past-day-end'
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Below this many minutes between two rooms, a speaker has no time to walk from one to the other. */
export const TRAVEL_MINUTES = 5;

export interface ScheduleSession {
	id: string;
	title: string;
	format: SessionFormat;
	/** UTC ISO instants. */
	startsAt: string;
	endsAt: string;
	roomId: string | null;
	expectedAttendance: number | null;
	capacity: number | null;
	/** Categories it is reserved to; empty: open to all. */
	audience: readonly string[];
	speakerIds: readonly string[];
}

export interface ScheduleRoom {
	id: string;
	name: string;
	capacity: number | null;
}

export interface ScheduleSpeaker {
	id: string;
	name: string;
}

export interface ScheduleInput {
	sessions: readonly ScheduleSession[];
	rooms: readonly ScheduleRoom[];
	speakers: readonly ScheduleSpeaker[];
	minBreakMinutes: number;
	/**
	 * When the event's days end (`HH:MM`, Paris; see `dayEndOf`). A session ending
	 * later, or on the next day, is warned about (a drag in the grid may put it there).
	 */
	dayEnd?: string | null;
}

export interface Conflict {
	kind: ConflictKind;
	/** The sessions concerned, in time order. */
	sessionIds: string[];
	/** One sentence for a person, in the requested language (French by default). */
	message: string;
	/** Paris day (YYYY-MM-DD) where it happens. */
	day: string;
	roomId?: string;
	speakerId?: string;
}

interface Timed {
	s: ScheduleSession;
	start: number;
	end: number;
}

const MINUTE = 60_000;

function byTime(a: Timed, b: Timed): number {
	return a.start - b.start || a.end - b.end || a.s.id.localeCompare(b.s.id);
}

/** Whether someone could be admitted to both: either is open to all, or they share a category. */
function audiencesMeet(a: readonly string[], b: readonly string[]): boolean {
	return a.length === 0 || b.length === 0 || a.some((c) => b.includes(c));
}

/** Every warning of a programme, in a stable order: by day, then kind, then time. */
export function findConflicts(input: ScheduleInput, lang: Lang = 'fr'): Conflict[] {
	const t = translator(lang);
	const q = (title: string) => t('programme.conflicts.quoted', { title });
	const time = (ms: number) => formatTime(new Date(ms).toISOString(), lang);
	const rooms = new Map(input.rooms.map((r) => [r.id, r]));
	const speakers = new Map(input.speakers.map((s) => [s.id, s]));
	const timed: Timed[] = input.sessions
		.map((s) => ({ s, start: Date.parse(s.startsAt), end: Date.parse(s.endsAt) }))
		.filter((x) => Number.isFinite(x.start) && Number.isFinite(x.end))
		.sort(byTime);
	const out: Conflict[] = [];
	const dayOf = (x: Timed) => parisDay(x.s.startsAt);
	const ids = (...xs: Timed[]) => [...new Set([...xs].sort(byTime).map((x) => x.s.id))];

	// Sessions overlapping one another within a group, pair by pair (sorted by start: sweep).
	const overlappingPairs = (group: Timed[]) => {
		const pairs: [Timed, Timed][] = [];
		for (let i = 0; i < group.length; i++)
			for (let j = i + 1; j < group.length && group[j].start < group[i].end; j++)
				if (group[j].end > group[i].start) pairs.push([group[i], group[j]]);
		return pairs;
	};

	const byRoom = new Map<string, Timed[]>();
	for (const x of timed) if (x.s.roomId) byRoom.set(x.s.roomId, [...(byRoom.get(x.s.roomId) ?? []), x]);
	for (const [roomId, group] of byRoom) {
		const room = rooms.get(roomId);
		for (const [a, b] of overlappingPairs(group)) {
			out.push({
				kind: 'room-overlap',
				sessionIds: ids(a, b),
				day: dayOf(a),
				roomId,
				message: t('programme.conflicts.room-overlap', {
					a: q(a.s.title),
					b: q(b.s.title),
					room: room?.name ?? '?',
					from: time(Math.max(a.start, b.start)),
					to: time(Math.min(a.end, b.end))
				})
			});
		}
	}

	const bySpeaker = new Map<string, Timed[]>();
	for (const x of timed) for (const sp of new Set(x.s.speakerIds)) bySpeaker.set(sp, [...(bySpeaker.get(sp) ?? []), x]);
	for (const [speakerId, group] of bySpeaker) {
		const name = speakers.get(speakerId)?.name ?? '?';
		for (const [a, b] of overlappingPairs(group)) {
			out.push({
				kind: 'speaker-overlap',
				sessionIds: ids(a, b),
				day: dayOf(a),
				speakerId,
				message: t('programme.conflicts.speaker-overlap', { name, a: q(a.s.title), b: q(b.s.title) })
			});
		}
		for (let i = 0; i < group.length; i++) {
			for (let j = i + 1; j < group.length; j++) {
				const [a, b] = [group[i], group[j]];
				const gap = b.start - a.end;
				if (gap < 0 || gap >= TRAVEL_MINUTES * MINUTE) continue;
				if (!a.s.roomId || !b.s.roomId || a.s.roomId === b.s.roomId) continue;
				out.push({
					kind: 'speaker-no-travel-time',
					sessionIds: ids(a, b),
					day: dayOf(a),
					speakerId,
					message: t('programme.conflicts.speaker-no-travel-time', {
						name,
						a: q(a.s.title),
						b: q(b.s.title),
						roomA: rooms.get(a.s.roomId)?.name ?? '?',
						roomB: rooms.get(b.s.roomId)?.name ?? '?',
						minutes: Math.round(gap / MINUTE)
					})
				});
			}
		}
	}

	for (const x of timed) {
		const room = x.s.roomId ? rooms.get(x.s.roomId) : undefined;
		const base = { kind: 'over-capacity' as const, sessionIds: [x.s.id], day: dayOf(x), ...(room ? { roomId: room.id } : {}) };
		const title = q(x.s.title);
		if (room?.capacity != null && x.s.expectedAttendance != null && x.s.expectedAttendance > room.capacity)
			out.push({
				...base,
				message: t('programme.conflicts.over-capacity', {
					title,
					expected: x.s.expectedAttendance,
					capacity: room.capacity,
					room: room.name
				})
			});
		else if (x.s.capacity != null && x.s.expectedAttendance != null && x.s.expectedAttendance > x.s.capacity)
			out.push({
				...base,
				message: t('programme.conflicts.over-session-capacity', { title, expected: x.s.expectedAttendance, capacity: x.s.capacity })
			});
		if (room?.capacity != null && x.s.capacity != null && x.s.capacity > room.capacity)
			out.push({
				...base,
				message: t('programme.conflicts.capacity-above-room', {
					title,
					capacity: x.s.capacity,
					roomCapacity: room.capacity,
					room: room.name
				})
			});
	}

	// Chains a participant could follow, grouped by the moment of the change (parallel tracks
	// ending and starting together make one warning, not one per pair).
	const minBreak = Math.max(0, input.minBreakMinutes) * MINUTE;
	if (minBreak > 0) {
		const informal = (x: Timed) => INFORMAL_FORMATS.includes(x.s.format);
		const groups = new Map<string, { end: number; start: number; before: Timed[]; after: Timed[] }>();
		for (const a of timed) {
			if (informal(a)) continue;
			for (const b of timed) {
				if (b === a || informal(b)) continue;
				const gap = b.start - a.end;
				if (gap < 0 || gap >= minBreak || !audiencesMeet(a.s.audience, b.s.audience)) continue;
				const key = `${a.end}|${b.start}`;
				const g = groups.get(key) ?? { end: a.end, start: b.start, before: [], after: [] };
				if (!g.before.includes(a)) g.before.push(a);
				if (!g.after.includes(b)) g.after.push(b);
				groups.set(key, g);
			}
		}
		for (const g of [...groups.values()].sort((x, y) => x.end - y.end || x.start - y.start)) {
			const list = (xs: Timed[]) =>
				xs
					.sort(byTime)
					.map((x) => q(x.s.title))
					.join(t('programme.conflicts.or'));
			out.push({
				kind: 'no-breathing-time',
				sessionIds: ids(...g.before, ...g.after),
				day: dayOf(g.before[0]),
				message: t('programme.conflicts.no-breathing-time', {
					before: list(g.before),
					after: list(g.after),
					gap: Math.round((g.start - g.end) / MINUTE),
					min: Math.round(minBreak / MINUTE),
					at: time(g.end)
				})
			});
		}
	}

	const byDay = new Map<string, Timed[]>();
	for (const x of timed) byDay.set(dayOf(x), [...(byDay.get(dayOf(x)) ?? []), x]);
	for (const [day, group] of byDay) {
		if (group.some((x) => INFORMAL_FORMATS.includes(x.s.format))) continue;
		out.push({
			kind: 'no-informal-time',
			sessionIds: ids(...group),
			day,
			message: t('programme.conflicts.no-informal-time', { day: formatDay(`${day}T12:00:00Z`, lang) })
		});
	}

	if (input.dayEnd) {
		const dayEnd = input.dayEnd;
		for (const x of timed) {
			const end = parisIsoOf(x.s.endsAt);
			if (end.slice(11, 16) > dayEnd || parisDay(x.s.endsAt) !== dayOf(x))
				out.push({
					kind: 'past-day-end',
					sessionIds: [x.s.id],
					day: dayOf(x),
					message: t('programme.conflicts.past-day-end', {
						title: q(x.s.title),
						end: time(x.end),
						dayEnd: time(Date.parse(`${end.slice(0, 11)}${dayEnd}:00${end.slice(19)}`))
					})
				});
		}
	}

	const firstStart = new Map(timed.map((x) => [x.s.id, x.start]));
	const when = (c: Conflict) => Math.min(...c.sessionIds.map((id) => firstStart.get(id) ?? 0));
	return out.sort(
		(a, b) => a.day.localeCompare(b.day) || CONFLICT_KINDS.indexOf(a.kind) - CONFLICT_KINDS.indexOf(b.kind) || when(a) - when(b)
	);
}

/** The warnings that name a session, for its card and its form. */
export function conflictsBySession(conflicts: readonly Conflict[]): Map<string, Conflict[]> {
	const map = new Map<string, Conflict[]>();
	for (const c of conflicts) {
		if (c.kind === 'no-informal-time') continue; // a day's warning, shown by the day's heading
		for (const id of c.sessionIds) map.set(id, [...(map.get(id) ?? []), c]);
	}
	return map;
}

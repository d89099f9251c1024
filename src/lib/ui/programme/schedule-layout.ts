/**
 * Geometry of the schedule editor's grid, pure and client-safe: for one day, which rows (5-minute
 * slots) and which columns (rooms, split in lanes when sessions overlap in a room) each session
 * takes. The page renders it as a CSS grid; the drag-and-drop enhancement reads it back.
 */
import { localOf as toDatetimeLocal } from './paris-time.ts';

export const SLOT_MINUTES = 5;

export interface LayoutSession {
	id: string;
	startsAt: string;
	endsAt: string;
	roomId: string | null;
}

export interface LayoutColumn {
	/** Room id, or '' for sessions without a room. */
	roomId: string;
	name: string;
	/** First grid column (1-based; column 1 holds the hours). */
	column: number;
	lanes: number;
}

export interface PlacedSession {
	id: string;
	rowStart: number;
	rowEnd: number;
	column: number;
}

export interface DayLayout {
	/** Minutes after midnight (Paris) of the first row. */
	startMinute: number;
	endMinute: number;
	rows: number;
	columns: LayoutColumn[];
	totalColumns: number;
	placed: PlacedSession[];
	/** Whole hours to label, with their row. */
	hours: { label: number; row: number }[];
}

/** Minutes after midnight, Paris time. */
export function parisMinutes(iso: string): number {
	const [h, m] = toDatetimeLocal(iso).slice(11, 16).split(':').map(Number);
	return h * 60 + m;
}

export function layoutDay(
	sessions: readonly LayoutSession[],
	rooms: readonly { id: string; name: string }[],
	noRoomName: string
): DayLayout {
	const spans = sessions.map((s) => {
		const start = parisMinutes(s.startsAt);
		const end = Math.max(start + SLOT_MINUTES, start + Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000));
		return { s, start, end };
	});
	const startMinute = Math.min(9 * 60, ...spans.map((x) => Math.floor(x.start / 60) * 60));
	const endMinute = Math.max(18 * 60, ...spans.map((x) => Math.ceil(x.end / 60) * 60));
	const rows = (endMinute - startMinute) / SLOT_MINUTES;
	const row = (minute: number) => 2 + Math.round((minute - startMinute) / SLOT_MINUTES);

	const groups: { roomId: string; name: string }[] = rooms.map((r) => ({ roomId: r.id, name: r.name }));
	if (spans.some((x) => !x.s.roomId || !rooms.some((r) => r.id === x.s.roomId))) groups.push({ roomId: '', name: noRoomName });

	const columns: LayoutColumn[] = [];
	const placed: PlacedSession[] = [];
	let next = 2;
	for (const g of groups) {
		const mine = spans
			.filter((x) => (g.roomId === '' ? !x.s.roomId || !rooms.some((r) => r.id === x.s.roomId) : x.s.roomId === g.roomId))
			.sort((a, b) => a.start - b.start || a.end - b.end);
		// Interval partitioning: each session takes the first lane free at its start.
		const laneEnds: number[] = [];
		const laneOf = new Map<string, number>();
		for (const x of mine) {
			let lane = laneEnds.findIndex((end) => end <= x.start);
			if (lane === -1) lane = laneEnds.push(0) - 1;
			laneEnds[lane] = x.end;
			laneOf.set(x.s.id, lane);
		}
		const lanes = Math.max(1, laneEnds.length);
		columns.push({ roomId: g.roomId, name: g.name, column: next, lanes });
		for (const x of mine) placed.push({ id: x.s.id, rowStart: row(x.start), rowEnd: row(x.end), column: next + (laneOf.get(x.s.id) ?? 0) });
		next += lanes;
	}
	const hours: DayLayout['hours'] = [];
	for (let m = startMinute; m < endMinute; m += 60) hours.push({ label: m / 60, row: row(m) });
	return { startMinute, endMinute, rows, columns, totalColumns: next - 1, placed, hours };
}

/** "HH:MM" of minutes after midnight. */
export function hhmm(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

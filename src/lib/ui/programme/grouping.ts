/** How the public programme is laid out: by day, then by starting time (pure, client-safe). */
import { dayOf as parisDay, localOf as toDatetimeLocal } from './paris-time.ts';

export interface Filters {
	format: string;
	room: string;
	theme: string;
	day: string;
}

export interface Groupable {
	id: string;
	startsAt: string;
	format: string;
	roomId: string | null;
	themes: string[];
}

/** The filters a programme URL asks for (`?format=…&espace=…&axe=…&jour=…`), unknown values ignored. */
export function readFilters(
	params: URLSearchParams,
	known: { formats: readonly string[]; rooms: readonly string[]; themes: readonly string[]; days: readonly string[] }
): Filters {
	const pick = (name: string, list: readonly string[]) => {
		const v = params.get(name) ?? '';
		return list.includes(v) ? v : '';
	};
	return {
		format: pick('format', known.formats),
		room: pick('espace', known.rooms),
		theme: pick('axe', known.themes),
		day: pick('jour', known.days)
	};
}

export function applyFilters<S extends Groupable>(sessions: readonly S[], f: Filters): S[] {
	return sessions.filter(
		(s) =>
			(!f.format || s.format === f.format) &&
			(!f.room || s.roomId === f.room) &&
			(!f.theme || s.themes.includes(f.theme)) &&
			(!f.day || parisDay(s.startsAt) === f.day)
	);
}

/** Days in order, each with its sessions grouped by starting time ("HH:mm", Paris). */
export function groupByDayAndTime<S extends Groupable>(
	sessions: readonly S[]
): { day: string; slots: { time: string; sessions: S[] }[] }[] {
	const days = new Map<string, Map<string, S[]>>();
	for (const s of sessions) {
		const day = parisDay(s.startsAt);
		const time = toDatetimeLocal(s.startsAt).slice(11, 16);
		const slots = days.get(day) ?? new Map<string, S[]>();
		slots.set(time, [...(slots.get(time) ?? []), s]);
		days.set(day, slots);
	}
	return [...days.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([day, slots]) => ({
			day,
			slots: [...slots.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([time, list]) => ({ time, sessions: list }))
		}));
}

/** Pairs of chosen sessions that overlap: a personal programme says so. */
export function overlapping<S extends { id: string; startsAt: string; endsAt: string; title: string }>(chosen: readonly S[]): [S, S][] {
	const out: [S, S][] = [];
	const sorted = [...chosen].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
	for (let i = 0; i < sorted.length; i++)
		for (let j = i + 1; j < sorted.length && Date.parse(sorted[j].startsAt) < Date.parse(sorted[i].endsAt); j++)
			out.push([sorted[i], sorted[j]]);
	return out;
}

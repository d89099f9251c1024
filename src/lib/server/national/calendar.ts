/** The national page's month calendar: weeks from Monday, each day with the events it holds (Paris days). Pure. */
import { parisDay } from '../../time.ts';

export interface CalendarDay<E> {
	date: string;
	inMonth: boolean;
	events: E[];
}

function addDays(day: string, n: number): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/** A `YYYY-MM` month shifted by `n` months. */
export function shiftMonth(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number);
	const i = y * 12 + (m - 1) + n;
	return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function isMonth(v: string | null): v is string {
	return !!v && /^(20\d\d)-(0[1-9]|1[0-2])$/.test(v);
}

/** The weeks (Monday first) covering `month`; an event shows on every day from its first to its last. */
export function monthGrid<E extends { startsAt: string; endsAt: string }>(month: string, events: E[]): CalendarDay<E>[][] {
	const first = `${month}-01`;
	const weekday = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
	let day = addDays(first, -weekday);
	const weeks: CalendarDay<E>[][] = [];
	const spans = events.map((e) => ({ e, from: parisDay(e.startsAt), to: parisDay(e.endsAt) }));
	do {
		const week: CalendarDay<E>[] = [];
		for (let i = 0; i < 7; i++) {
			week.push({ date: day, inMonth: day.startsWith(month), events: spans.filter((s) => s.from <= day && day <= s.to).map((s) => s.e) });
			day = addDays(day, 1);
		}
		weeks.push(week);
	} while (day.startsWith(month));
	return weeks;
}

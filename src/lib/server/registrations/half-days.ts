/**
 * Half-days ("demi-journées"): what participants tick, what attendance is signed for, and what
 * check-in counts. A half-day is a Paris calendar day and a part: morning before 13:00, afternoon
 * from 13:00. Pure.
 */
import { TZDate } from '@date-fns/tz';
import { formatDay, parisDay, TIME_ZONE } from '../../time.ts';

export type HalfDayPart = 'am' | 'pm';

export interface HalfDay {
	/** `2027-06-10:am` */
	key: string;
	day: string;
	part: HalfDayPart;
	/** The part of the event that falls in this half-day (UTC ISO). */
	startsAt: string;
	endsAt: string;
}

const NOON_HOUR = 13;

function parisAt(day: string, hour: number): Date {
	const [y, m, d] = day.split('-').map(Number);
	return new TZDate(y, m - 1, d, hour, 0, 0, TIME_ZONE);
}

function nextDay(day: string): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The half-day an instant falls in. */
export function halfDayOf(iso: string): string {
	const day = parisDay(iso);
	return `${day}:${new Date(iso).getTime() < parisAt(day, NOON_HOUR).getTime() ? 'am' : 'pm'}`;
}

/** Every half-day the event covers, in order (at most 28: events last 14 days or less). */
export function eventHalfDays(startsAt: string, endsAt: string): HalfDay[] {
	const start = new Date(startsAt).getTime();
	const end = new Date(endsAt).getTime();
	const out: HalfDay[] = [];
	const last = parisDay(endsAt);
	for (let day = parisDay(startsAt), n = 0; day <= last && n < 31; day = nextDay(day), n++) {
		const bounds: [HalfDayPart, number, number][] = [
			['am', parisAt(day, 0).getTime(), parisAt(day, NOON_HOUR).getTime()],
			['pm', parisAt(day, NOON_HOUR).getTime(), parisAt(nextDay(day), 0).getTime()]
		];
		for (const [part, from, to] of bounds) {
			const s = Math.max(from, start);
			const e = Math.min(to, end);
			if (e > s) out.push({ key: `${day}:${part}`, day, part, startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() });
		}
	}
	return out;
}

export function isHalfDayKey(key: string): boolean {
	return /^\d{4}-\d{2}-\d{2}:(am|pm)$/.test(key);
}

/** "jeudi 10 juin 2027, matin" / "Thursday 10 June 2027, morning". */
export function halfDayLabel(key: string, lang: 'fr' | 'en'): string {
	const [day, part] = key.split(':');
	const words = lang === 'fr' ? { am: 'matin', pm: 'après-midi' } : { am: 'morning', pm: 'afternoon' };
	return `${formatDay(`${day}T12:00:00Z`, lang)}, ${words[part as HalfDayPart] ?? part}`;
}

/** `2027-06-10-matin`: a half-day in a file name. */
export function halfDaySlug(key: string): string {
	const [day, part] = key.split(':');
	return `${day}-${part === 'am' ? 'matin' : 'apres-midi'}`;
}

export function halfDayFromSlug(slug: string): string | null {
	const m = /^(\d{4}-\d{2}-\d{2})-(matin|apres-midi)$/.exec(slug);
	return m ? `${m[1]}:${m[2] === 'matin' ? 'am' : 'pm'}` : null;
}

/** The half-day the welcome desk works on now: the current one, else the next, else the last. */
export function currentHalfDay(halfDays: HalfDay[], now: Date): HalfDay | null {
	if (halfDays.length === 0) return null;
	const key = halfDayOf(now.toISOString());
	return halfDays.find((h) => h.key === key) ?? halfDays.find((h) => h.startsAt > now.toISOString()) ?? halfDays[halfDays.length - 1];
}

/** Pure arithmetic of the report: durations as people say them, months, distinct structures. */
import { foldChoice } from '../registrations/registration.schema.ts';
import type { Lang } from '../../i18n/index.ts';

/** "1 journée et demie" for 3 half-days; "une demi-journée" for 1; "" for none. */
export function durationLabel(halfDays: number, lang: Lang): string {
	if (halfDays <= 0) return '';
	const days = Math.floor(halfDays / 2);
	const half = halfDays % 2 === 1;
	if (lang === 'en') {
		if (days === 0) return 'half a day';
		const n = half ? `${days} and a half` : `${days}`;
		return `${n} ${days === 1 && !half ? 'day' : 'days'}`;
	}
	if (days === 0) return 'une demi-journée';
	return `${days} ${days > 1 ? 'journées' : 'journée'}${half ? ' et demie' : ''}`;
}

/** Whole months from `from` to `to` (both YYYY-MM-DD), rounded to the nearest; never negative. */
export function monthsBetween(from: string, to: string): number {
	const [y1, m1, d1] = from.split('-').map(Number);
	const [y2, m2, d2] = to.split('-').map(Number);
	const months = (y2 - y1) * 12 + (m2 - m1) + (d2 - d1) / 30.44;
	return Math.max(0, Math.round(months));
}

/** A structure's identity: its folded name and its commune (code when known). */
export function structureKey(name: string, inseeCode: string | null, commune: string | null): string | null {
	const folded = foldChoice(name);
	if (!folded) return null;
	return `${folded}|${inseeCode ?? foldChoice(commune ?? '')}`;
}

/** The day `offset` days from `day` (YYYY-MM-DD). */
export function addDays(day: string, offset: number): string {
	const [y, m, d] = day.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

/** part / whole, or null when whole is 0: a report never shows NaN. */
export function ratio(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/**
 * Memoised Paris-time formatting for the programme's pages (pure, client-safe). The functions of
 * `src/lib/time.ts` build a time-zone date for each call, which costs about 50 µs; a programme
 * page formats the same few dozen instants hundreds of times, request after request, so the
 * results are kept (bounded; an instant's Paris time never changes).
 */
import { formatDay, formatRange, formatTime, parisDay, toDatetimeLocal, toParisIso } from '../../time.ts';

const MAX_ENTRIES = 20_000;
const cache = new Map<string, string>();

function memo(kind: string, key: string, compute: () => string): string {
	const k = `${kind}|${key}`;
	let v = cache.get(k);
	if (v === undefined) {
		if (cache.size >= MAX_ENTRIES) cache.clear();
		v = compute();
		cache.set(k, v);
	}
	return v;
}

/** "9 h 00" / "09:00". */
export const timeOf = (iso: string, lang: 'fr' | 'en') => memo(`t${lang}`, iso, () => formatTime(iso, lang));
/** `YYYY-MM-DD`, Paris. */
export const dayOf = (iso: string) => memo('d', iso, () => parisDay(iso));
/** `YYYY-MM-DDTHH:mm`, Paris. */
export const localOf = (iso: string) => memo('l', iso, () => toDatetimeLocal(iso));
/** ISO 8601 with Paris's offset. */
export const parisIsoOf = (iso: string) => memo('p', iso, () => toParisIso(iso));
/** "jeudi 10 juin 2027". */
export const dayLabelOf = (iso: string, lang: 'fr' | 'en') => memo(`D${lang}`, iso, () => formatDay(iso, lang));
/** "jeudi 10 juin 2027, de 9 h 00 à 10 h 00". */
export const rangeOf = (start: string, end: string, lang: 'fr' | 'en') =>
	memo(`r${lang}`, `${start}|${end}`, () => formatRange(start, end, lang));

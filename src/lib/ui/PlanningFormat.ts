/**
 * How the preparation's pages write numbers and days: amounts from integer cents, time from
 * minutes, relative dates as "J−180". Client-safe and pure (the same rules as the server's
 * `budget/money.ts`, which the exports use).
 */
import { formatDay } from '../time.ts';

type Lang = 'fr' | 'en';

function hundredths(value: number, lang: Lang, trimZeros = false): string {
	const negative = value < 0;
	const abs = Math.abs(Math.trunc(value));
	const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u202f' : ',');
	let frac = String(abs % 100).padStart(2, '0');
	if (trimZeros) frac = frac.replace(/0+$/, '');
	const sep = lang === 'fr' ? ',' : '.';
	return `${negative ? '−' : ''}${whole}${frac ? sep + frac : ''}`;
}

/** "1 234,56 €" / "€1,234.56". */
export function euros(cents: number, lang: Lang): string {
	const n = hundredths(cents, lang);
	if (lang === 'fr') return `${n}\u00a0€`;
	return n.startsWith('−') ? `−€${n.slice(1)}` : `€${n}`;
}

/** A signed variance: "+12,00 €", "−3,50 €", "0,00 €". */
export function signedEuros(cents: number, lang: Lang): string {
	return cents > 0 ? `+${euros(cents, lang)}` : euros(cents, lang);
}

/** Minutes as hours: "12,5". */
export function hours(minutes: number, lang: Lang): string {
	return hundredths(Math.round((minutes * 100) / 60), lang, true) || '0';
}

/** Minutes as working days of 7 hours: "2,5". */
export function days(minutes: number, lang: Lang): string {
	return hundredths(Math.round((minutes * 100) / (7 * 60)), lang, true) || '0';
}

/** Hundredths of a day: "2,5". */
export function daysX100(value: number, lang: Lang): string {
	return hundredths(value, lang, true) || '0';
}

/** "J", "J−180", "J+7". */
export function offsetLabel(days: number): string {
	if (days === 0) return 'J';
	return days < 0 ? `J\u2212${-days}` : `J+${days}`;
}

/** "samedi 12 décembre 2026" for a `YYYY-MM-DD`. */
export function dayLabel(day: string, lang: Lang): string {
	return formatDay(`${day}T12:00:00Z`, lang);
}

/** "décembre 2026" / "December 2026". */
export function monthLabel(day: string, lang: Lang): string {
	const d = new Date(`${day}T12:00:00Z`);
	return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Calendar days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

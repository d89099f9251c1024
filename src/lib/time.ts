import { TZDate } from '@date-fns/tz';
// Deep imports: the date-fns barrels cost seconds at start-up where nothing tree-shakes (the CLI).
import { format } from 'date-fns/format';
import { formatISO } from 'date-fns/formatISO';
import { fr } from 'date-fns/locale/fr';
import { enGB } from 'date-fns/locale/en-GB';

/** Events happen in metropolitan France; every date shown or sent is Paris time. */
export const TIME_ZONE = 'Europe/Paris';

/** `2027-06-10T09:00:00+02:00`: an instant written with Paris's offset (API and JSON-LD). */
export function toParisIso(iso: string): string {
	return formatISO(new TZDate(iso, TIME_ZONE));
}

/** The value of a datetime-local field showing this instant in Paris time. */
export function toDatetimeLocal(iso: string): string {
	return format(new TZDate(iso, TIME_ZONE), "yyyy-MM-dd'T'HH:mm");
}

/** The Paris calendar day of an instant, `YYYY-MM-DD`. */
export function parisDay(iso: string): string {
	return format(new TZDate(iso, TIME_ZONE), 'yyyy-MM-dd');
}

const locales = { fr, en: enGB };

/** "jeudi 10 juin 2027" / "Thursday 10 June 2027". */
export function formatDay(iso: string, lang: 'fr' | 'en'): string {
	return format(new TZDate(iso, TIME_ZONE), 'EEEE d MMMM yyyy', { locale: locales[lang] });
}

/** "9 h 00" in French, "09:00" in English. */
export function formatTime(iso: string, lang: 'fr' | 'en'): string {
	return format(new TZDate(iso, TIME_ZONE), lang === 'fr' ? "H' h 'mm" : 'HH:mm', { locale: locales[lang] });
}

/** A human range: one day with hours, or from one day to another. */
export function formatRange(startIso: string, endIso: string, lang: 'fr' | 'en'): string {
	if (parisDay(startIso) === parisDay(endIso)) {
		return lang === 'fr'
			? `${formatDay(startIso, lang)}, de ${formatTime(startIso, lang)} à ${formatTime(endIso, lang)}`
			: `${formatDay(startIso, lang)}, ${formatTime(startIso, lang)}–${formatTime(endIso, lang)}`;
	}
	return lang === 'fr'
		? `du ${formatDay(startIso, lang)} (${formatTime(startIso, lang)}) au ${formatDay(endIso, lang)} (${formatTime(endIso, lang)})`
		: `from ${formatDay(startIso, lang)} (${formatTime(startIso, lang)}) to ${formatDay(endIso, lang)} (${formatTime(endIso, lang)})`;
}

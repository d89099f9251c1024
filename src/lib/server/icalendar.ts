/**
 * What every iCalendar file of the app shares (RFC 5545, RFC 5546), whichever area writes it
 * with ical-generator: no METHOD (a feed, a download or an e-mail attachment is a plain calendar
 * to import, not an iTIP message: with METHOD:PUBLISH, RFC 5546 would require an ORGANIZER on
 * every event), and every content line ended by CRLF, the last one included (ical-generator
 * leaves the last line without it, which strict parsers refuse).
 */
import type { ICalCalendar } from 'ical-generator';

/** The calendar's text, each line ended by CRLF. */
export function icsText(calendar: ICalCalendar): string {
	const text = calendar.toString();
	return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

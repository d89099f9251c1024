/**
 * iCalendar (RFC 5545) of a programme, or of a selection of its sessions (a personal programme, a
 * single session). Times are written in UTC, which every calendar shows in its own zone without
 * needing a VTIMEZONE block.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { icsText } from '../../icalendar.ts';
import { translator } from '../../../i18n/index.ts';
import type { Programme, SessionView } from '../programme.service.ts';

export interface IcalOptions {
	/** Only these sessions (in programme order); all when absent. */
	sessionIds?: readonly string[];
	/** Calendar name; the event's title by default. */
	name?: string;
	/** Host name for the events' UIDs (stable across downloads, so calendars update rather than duplicate). */
	host: string;
	now?: Date;
}

function description(p: Programme, s: SessionView): string {
	const t = translator('fr');
	const lines: string[] = [];
	if (s.description) lines.push(s.description);
	if (s.speakers.length)
		lines.push(
			s.speakers.map((sp) => `${sp.name}${sp.organisation ? ` (${sp.organisation})` : ''} – ${t(`programme.part.${sp.part}`)}`).join('\n')
		);
	if (s.audience.length)
		lines.push(t('programme.audience.reservedTo', { list: s.audience.map((a) => t(`programme.audience.${a}`)).join(', ') }));
	lines.push(s.url);
	return lines.join('\n\n');
}

/** The calendar as text (`text/calendar`). */
export function programmeToIcal(p: Programme, options: IcalOptions): string {
	const t = translator('fr');
	const wanted = options.sessionIds ? new Set(options.sessionIds) : null;
	const calendar = ical({
		name: options.name ?? p.event.title,
		prodId: { company: 'Maillage', product: 'Programme', language: 'FR' },
		url: `${p.event.url}/programme`,
		description: p.event.title
	});
	const venue = [p.event.venue?.name, p.event.venue?.commune].filter(Boolean).join(', ');
	for (const s of p.sessions) {
		if (wanted && !wanted.has(s.id)) continue;
		calendar.createEvent({
			id: `${s.id}@${options.host}`,
			start: new Date(s.startsAt),
			end: new Date(s.endsAt),
			stamp: options.now ?? new Date(),
			summary: s.title,
			description: description(p, s),
			location: [s.room?.name, venue].filter(Boolean).join(', ') || null,
			url: s.url,
			categories: [{ name: t(`programme.format.${s.format}`) }, ...s.themes.map((name) => ({ name }))],
			status: ICalEventStatus.CONFIRMED
		});
	}
	return icsText(calendar);
}

/**
 * The event itself as one iCalendar VEVENT: the « Ajouter à mon agenda » link of its public page,
 * for people who want the dates before choosing sessions (the programme has its own calendar).
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { icsText } from '../icalendar.ts';
import type { EventView } from './event.service.ts';

export function eventToIcal(event: EventView, host: string, now: Date = new Date()): string {
	const calendar = ical({ name: event.title, prodId: { company: 'Maillage', product: 'Evenement', language: 'FR' }, url: event.url });
	const venue = event.venue;
	calendar.createEvent({
		id: `event-${event.id}@${host}`,
		start: new Date(event.startsAt),
		end: new Date(event.endsAt),
		stamp: now,
		summary: event.title,
		description: [event.description, event.url].filter(Boolean).join('\n\n'),
		location: [venue?.name, venue?.address, venue?.commune].filter(Boolean).join(', ') || event.onlineUrl || null,
		url: event.url,
		status: ICalEventStatus.CONFIRMED
	});
	return icsText(calendar);
}

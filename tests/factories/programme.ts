/**
 * Programme fixtures: an event with its team, rooms, speakers and sessions, built through the
 * services (the same checks as the app), and a generator for a full two-day programme.
 */
import type { Actor } from '#lib/server/auth/permissions.ts';
import { createEvent, updateEvent, type ServiceContext } from '#lib/server/events/event.service.ts';
import { eventInput, newUser } from './index.ts';

let seq = 0;

/** The first day of `eventInput()`'s event (10–11 June 2027, Paris summer time, UTC+2). */
export const DAY1 = '2027-06-10';
export const DAY2 = '2027-06-11';

/** `2027-06-10T09:00:00+02:00` from a day and a Paris time. */
export const paris = (day: string, hhmm: string) => `${day}T${hhmm}:00+02:00`;

/** A draft event (two days in Limoges) owned by a new user. */
export async function newProgrammeEvent(ctx: ServiceContext, overrides: Record<string, unknown> = {}) {
	const owner = await newUser(ctx.db);
	const event = await createEvent(ctx, owner, eventInput(overrides));
	return { owner, event };
}

export async function publish(ctx: ServiceContext, owner: Actor, slug: string) {
	return updateEvent(ctx, owner, slug, { status: 'published' });
}

export function roomInput(overrides: Record<string, unknown> = {}) {
	seq += 1;
	return { name: `Espace ${seq}`, capacity: 60, ...overrides };
}

export function speakerInput(overrides: Record<string, unknown> = {}) {
	seq += 1;
	return { name: `Intervenante ${seq}`, organisation: 'Médiathèque de Limoges', roleTitle: 'Médiatrice numérique', ...overrides };
}

export function sessionInput(overrides: Record<string, unknown> = {}) {
	seq += 1;
	return {
		title: `Atelier ${seq}`,
		format: 'workshop',
		startsAt: paris(DAY1, '10:00'),
		endsAt: paris(DAY1, '11:30'),
		...overrides
	};
}

export { seedProgramme, bigEventDates } from '#lib/server/programme/programme.demo.ts';

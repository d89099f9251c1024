import { countConfirmedRegistrations } from './registration.queries.ts';
import { registrationWindow, type LoadedEvent } from './registration-event.ts';
import type { DbOrTx } from '../db/index.ts';

/**
 * Whether people may register now, until when, and the places left: what the event page and the
 * registration form tell visitors. One count, only when the event has a capacity.
 */
export async function registrationSummary(db: DbOrTx, loaded: Pick<LoadedEvent, 'event' | 'settings'>, now: Date) {
	const capacity = loaded.settings.capacity;
	const confirmed = capacity === null ? 0 : await countConfirmedRegistrations(db, loaded.event.id);
	return {
		state: registrationWindow(loaded, now),
		opensAt: loaded.settings.registrationOpensAt,
		closesAt: loaded.settings.closesAt,
		full: capacity !== null && confirmed >= capacity,
		waitlistEnabled: loaded.settings.waitlistEnabled,
		placesLeft: capacity === null ? null : Math.max(0, capacity - confirmed)
	};
}

export type RegistrationSummary = Awaited<ReturnType<typeof registrationSummary>>;

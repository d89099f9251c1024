/**
 * Who attended which session, read from the check-in record: one rule for the report's
 * per-session « attended », the campaigns' audience « came to these sessions » and the
 * certificates of attendance. A session that needs registration was attended by its confirmed
 * seat holders checked in on its half-day; a session open to all (plenaries, round tables…) by
 * everyone checked in on its half-day. A break is nobody's session. Pure.
 */
import { halfDayOf } from './half-days.ts';

export interface AttendableSession {
	id: string;
	/** UTC ISO. */
	startsAt: string;
	requiresRegistration: boolean;
	format: string;
}

/** Whether a person with these confirmed seats, checked in on these half-days, attended `session`. */
export function attendedSession(session: AttendableSession, seats: ReadonlySet<string>, checkedIn: ReadonlySet<string>): boolean {
	if (session.format === 'break' || !checkedIn.has(halfDayOf(session.startsAt))) return false;
	return !session.requiresRegistration || seats.has(session.id);
}

/**
 * Factories for the national view: attendees inserted as rows (a registration, and a check-in
 * when they came), the way the registrations and check-in areas store them; fast enough for the
 * benchmark's 150,000 registrations.
 */
import type { DbOrTx } from '#lib/server/db/index.ts';

let seq = 0;

export interface AttendeeOptions {
	structure?: string;
	commune?: string | null;
	role?: string;
	checkedIn?: boolean;
	/** Check-ins (half-days) when checked in: one person checked in twice still counts once. */
	halfDays?: number;
}

export function attendeeRows(eventId: string, o: AttendeeOptions = {}) {
	seq += 1;
	const id = crypto.randomUUID();
	const now = new Date().toISOString();
	const registration = {
		id,
		event_id: eventId,
		status: 'confirmed',
		email: `p${seq}-${id.slice(0, 8)}@exemple.fr`,
		first_name: 'Camille',
		last_name: `Martin ${seq}`,
		structure_name: o.structure ?? `Structure ${seq}`,
		structure_type: 'association',
		role: o.role ?? 'mediateur',
		insee_code: null,
		commune: o.commune === undefined ? 'Limoges' : o.commune,
		departement: '87',
		consent_terms_at: now,
		manage_token_hash: `h${id}`,
		checkin_code: `c${id.replace(/-/g, '').slice(0, 12)}`,
		source: 'online',
		created_at: now,
		updated_at: now,
		waitlisted_at: null,
		cancelled_at: null,
		link_resent_at: null
	};
	const checkins =
		o.checkedIn === false
			? []
			: Array.from({ length: o.halfDays ?? 1 }, (_, i) => ({
					registration_id: id,
					half_day: `2027-06-1${i}:am`,
					event_id: eventId,
					checked_in_at: now,
					checked_in_by: null,
					method: 'search'
				}));
	return { registration, checkins };
}

/** One attendee: a confirmed registration, checked in (once, unless `halfDays`) unless `checkedIn: false`. */
export async function newAttendee(db: DbOrTx, eventId: string, o: AttendeeOptions = {}): Promise<string> {
	const { registration, checkins } = attendeeRows(eventId, o);
	await db.insertInto('registration').values(registration).execute();
	if (checkins.length) await db.insertInto('checkin').values(checkins).execute();
	return registration.id;
}

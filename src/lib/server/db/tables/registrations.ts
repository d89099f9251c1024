/** Tables of registrations, waiting lists, check-in and the audit log (migration 003). */
import type { Generated } from 'kysely';

type Timestamp = string | Date;

/**
 * An event's registration settings, one row per event (created on first use). The row is also
 * the event's quota lock: a registration that counts the event's capacity takes it first.
 */
export interface EventRegistrationSettingsTable {
	event_id: string;
	/** Confirmed registrations allowed; null = no limit. */
	capacity: number | null;
	opens_at: Timestamp | null;
	closes_at: Timestamp | null;
	/** 1: when the event is full, newcomers join its waiting list instead of being refused. */
	waitlist_enabled: Generated<number>;
	reminder_j7_enabled: Generated<number>;
	reminder_j1_enabled: Generated<number>;
	/** Organisers' own words added to the reminder; empty = the default text only. */
	reminder_j7_text: Generated<string>;
	reminder_j1_text: Generated<string>;
	/** 1: a public registration holds no place until its e-mail address is confirmed (registration_hold). */
	double_opt_in: Generated<number>;
	/** Bumped by every transaction that locks the row: SQLite's writer lock, and a counter. */
	lock_seq: Generated<number>;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-060). */
	version: Generated<number>;
}

export interface RegistrationTable {
	id: string;
	event_id: string;
	status: string; // confirmed | waitlisted | cancelled
	/** Lower-cased; null only for walk-ins who gave none. Unique per event. */
	email: string | null;
	first_name: string;
	last_name: string;
	structure_name: string;
	structure_type: string;
	role: string;
	insee_code: string | null;
	commune: string | null;
	departement: string | null;
	half_days: Generated<string>; // JSON array of half-day keys, e.g. ["2027-06-10:am"]
	accessibility: Generated<string>; // JSON array of needs
	accessibility_details: Generated<string>;
	meal: Generated<number>; // 0 | 1: lunches on site
	diets: Generated<string>; // JSON array
	diet_details: Generated<string>;
	consent_terms_at: Timestamp | null;
	consent_newsletter: Generated<number>;
	consent_photos: Generated<number>;
	/** Explicit consent to keep accessibility and health details (RGPD article 9). */
	consent_sensitive: Generated<number>;
	lang: Generated<string>; // fr | en: the language of the person's e-mails
	/** SHA-256 of the private link's token (the token itself is only in the person's e-mail). */
	manage_token_hash: string;
	/** Short code printed in the QR code of the confirmation and the badge. */
	checkin_code: string;
	source: string; // online | organiser | import | walk-in
	created_at: Timestamp;
	updated_at: Timestamp;
	/** When the event's waiting list was joined: its order. */
	waitlisted_at: Timestamp | null;
	cancelled_at: Timestamp | null;
	link_resent_at: Timestamp | null;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-030). */
	version: Generated<number>;
}

export interface RegistrationSessionTable {
	registration_id: string;
	session_id: string;
	status: string; // confirmed | waitlisted
	/** When the seat was asked for: the waiting list's order (ties broken by registration id). */
	requested_at: Timestamp;
}

export interface RegistrationQuestionTable {
	id: string;
	event_id: string;
	position: number;
	label: string;
	kind: string; // text | single | multiple | yesno
	options: string; // JSON array of strings (single, multiple)
	required: number;
	created_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-060). */
	version: Generated<number>;
}

export interface RegistrationAnswerTable {
	registration_id: string;
	question_id: string;
	value: string; // JSON: a string, a list of strings or a boolean
}

export interface CheckinTable {
	registration_id: string;
	half_day: string;
	event_id: string;
	checked_in_at: Timestamp;
	checked_in_by: string | null;
	method: string; // search | qr | walk-in
}

/**
 * Further private links of a registration (the first one is `registration.manage_token_hash`):
 * a reminder or a new-link e-mail carries a fresh token without breaking the earlier ones.
 */
export interface RegistrationTokenTable {
	token_hash: string;
	registration_id: string;
	created_at: Timestamp;
}

/** Reminders already queued, so that the periodic job queues each one once. */
export interface RegistrationReminderTable {
	registration_id: string;
	kind: string; // j7 | j1
	queued_at: Timestamp;
}

/**
 * A public registration waiting for its e-mail address to be confirmed (double opt-in): what was
 * typed, as the registration form's input (JSON), and the SHA-256 of the confirmation link's
 * token. It takes no place; deleted when confirmed or once `expires_at` has passed.
 */
export interface RegistrationHoldTable {
	id: string;
	event_id: string;
	email: string;
	token_hash: string;
	input: string;
	lang: string;
	created_at: Timestamp;
	expires_at: Timestamp;
}

/** Who read or changed personal data, kept even when the event or the person is gone. */
export interface AuditLogTable {
	id: string;
	at: Timestamp;
	actor_id: string | null;
	/** The actor as they were then: an e-mail, or "participant·e (lien privé)". */
	actor_label: string;
	event_id: string | null;
	event_label: string;
	action: string;
	/** What: a file name, a registration id… never personal data itself. */
	subject: string;
	details: string; // JSON object
}

export interface RegistrationTables {
	event_registration_settings: EventRegistrationSettingsTable;
	registration: RegistrationTable;
	registration_session: RegistrationSessionTable;
	registration_question: RegistrationQuestionTable;
	registration_answer: RegistrationAnswerTable;
	checkin: CheckinTable;
	registration_reminder: RegistrationReminderTable;
	registration_token: RegistrationTokenTable;
	registration_hold: RegistrationHoldTable;
	audit_log: AuditLogTable;
}

import type { Generated } from 'kysely';

/** Tables of contacts and campaigns (migration 2026-12-05-030). */
type Timestamp = string | Date;

/** A contact list of an event: imported from a CSV, typed by hand, or copied from an earlier event. */
export interface ContactListTable {
	id: string;
	event_id: string;
	name: string;
	created_at: Timestamp;
}

export interface ContactTable {
	id: string;
	list_id: string;
	/** Lower-cased; unique per list (an import merges duplicates). */
	email: string;
	first_name: string;
	last_name: string;
	structure: string;
	role: string;
	territory: string;
	/** Where it came from: `import:<file name>`, `manual`, `copy:<list name>`. */
	source: string;
	legal_basis: string; // professional | legitimate-interest | consent
	created_at: Timestamp;
}

/**
 * An address that unsubscribed from an event's campaigns. It is never written to again by that
 * event, nor by any event sharing a team member with it ("that organiser").
 */
export interface ContactUnsubscribeTable {
	event_id: string;
	email: string;
	created_at: Timestamp;
}

export interface CampaignTable {
	id: string;
	event_id: string;
	kind: string; // save-the-date | invitation | registration-reminder | practical | survey | survey-reminder | thanks | free
	name: string;
	subject: string;
	body: string;
	/** JSON: `{ lists: string[], registrations: string[], attendance: string[], speakers, team }`. */
	audience: string;
	/** `start` / `end`: `offset_days` from the event's first / last day (Paris) at `send_time`; `fixed`: `fixed_at`; `manual`: sent by hand. */
	anchor: string;
	offset_days: number | null;
	send_time: string;
	fixed_at: Timestamp | null;
	status: string; // draft | scheduled | sending | sent | cancelled
	planning_task_id: string | null;
	created_by: string | null;
	queued_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-030). */
	version: Generated<number>;
}

/** One person a campaign was queued for; unique per campaign and address. */
export interface CampaignRecipientTable {
	id: string;
	campaign_id: string;
	email: string;
	first_name: string;
	last_name: string;
	registration_id: string | null;
	mail_id: string | null;
	/** SHA-256 of the token of the message's unsubscribe link. */
	unsubscribe_hash: string;
	created_at: Timestamp;
}

export interface CampaignTables {
	contact_list: ContactListTable;
	contact: ContactTable;
	contact_unsubscribe: ContactUnsubscribeTable;
	campaign: CampaignTable;
	campaign_recipient: CampaignRecipientTable;
}

/**
 * Tables of the network the event leaves behind (`network/`, `groups/`): opted-in people, their
 * needs and offers, contact requests, 1:1 meetings, working groups.
 */
import type { Generated } from 'kysely';

type Timestamp = string | Date;

export interface NetworkProfileTable {
	id: string;
	/** The event whose participant directory holds this person (participants); null for an account. */
	event_id: string | null;
	registration_id: string | null;
	user_id: string | null;
	display_name: string;
	structure_name: string;
	structure_type: string;
	role: string;
	departement: string | null;
	/** What the person does, needs and offers, in their own words. */
	activity: string;
	needs: string;
	offers: string;
	/** JSON array of themes (the event's axes, the schema's services). */
	themes: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** 1: listed by name and role on their structure's public page (migration 080). */
	public_on_structure: Generated<number>;
	/** 0: an account's profile made only to be a working group's member, in no directory (migration 080). */
	in_directory: Generated<number>;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-093). */
	version: Generated<number>;
}

export interface NetworkEventSettingTable {
	event_id: string;
	meeting_point: string;
	/** Days after the event's end during which its participant directory stays open. */
	open_days_after: number;
}

export interface NetworkPostTable {
	id: string;
	profile_id: string;
	event_id: string | null;
	kind: string; // need | offer
	category: string;
	title: string;
	description: string;
	theme: string;
	departement: string | null;
	ends_on: string | null;
	created_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-070). */
	version: Generated<number>;
}

export interface NetworkContactTable {
	id: string;
	post_id: string;
	from_profile_id: string;
	message: string;
	status: string; // pending | accepted | declined
	created_at: Timestamp;
	decided_at: Timestamp | null;
}

export interface NetworkMeetingTable {
	id: string;
	event_id: string;
	requester_id: string;
	invitee_id: string;
	/** ISO instant (UTC), exactly as the slot was offered: the booking key. */
	starts_at: string;
	ends_at: string;
	place: string;
	message: string;
	status: string; // pending | accepted | declined | cancelled
	created_at: Timestamp;
	decided_at: Timestamp | null;
}

export interface NetworkMeetingBookingTable {
	profile_id: string;
	starts_at: string;
	meeting_id: string;
}

export interface WorkingGroupTable {
	id: string;
	event_id: string;
	session_id: string | null;
	title: string;
	purpose: string;
	status: string; // active | closed
	next_meeting_at: string | null;
	next_meeting_minutes: number | null;
	next_meeting_place: string;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** When the next meeting and the status last changed (the weekly digest says so). */
	meeting_changed_at: Timestamp | null;
	status_changed_at: Timestamp | null;
	/** Status at the next edition: '' (not said) | continues | completed | paused. */
	next_status: string;
	/** What the group produced, public (the next edition's programme page and report). */
	outputs: string;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-070). */
	version: Generated<number>;
}

export interface WorkingGroupMemberTable {
	group_id: string;
	profile_id: string;
	role: string; // member | coordinator
	joined_at: Timestamp;
}

export interface WorkingGroupNoteTable {
	id: string;
	group_id: string;
	author_profile_id: string | null;
	title: string;
	body: string;
	url: string | null;
	created_at: Timestamp;
}

/** A member who stopped the weekly digest of their groups. */
export interface WorkingGroupDigestOptOutTable {
	profile_id: string;
	created_at: Timestamp;
}

/** One weekly digest sent to a member (unique per person and ISO week), with its opt-out link's hash. */
export interface WorkingGroupDigestTable {
	id: string;
	profile_id: string;
	iso_week: string;
	opt_out_hash: string;
	mail_id: string | null;
	created_at: Timestamp;
}

/** An invitation to a group by e-mail; its link works once. */
export interface WorkingGroupInvitationTable {
	id: string;
	group_id: string;
	email: string;
	token_hash: string;
	created_at: Timestamp;
	used_at: Timestamp | null;
	profile_id: string | null;
}

export interface NetworkTables {
	network_profile: NetworkProfileTable;
	network_event_setting: NetworkEventSettingTable;
	network_post: NetworkPostTable;
	network_contact: NetworkContactTable;
	network_meeting: NetworkMeetingTable;
	network_meeting_booking: NetworkMeetingBookingTable;
	working_group: WorkingGroupTable;
	working_group_member: WorkingGroupMemberTable;
	working_group_note: WorkingGroupNoteTable;
	working_group_digest_opt_out: WorkingGroupDigestOptOutTable;
	working_group_digest: WorkingGroupDigestTable;
	working_group_invitation: WorkingGroupInvitationTable;
}

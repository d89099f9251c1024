/** Tables of the programme: rooms, speakers, sessions and what hangs off them. */
import type { Generated } from 'kysely';

type Timestamp = string | Date;

export interface RoomTable {
	id: string;
	event_id: string;
	position: number;
	name: string;
	capacity: number | null;
	accessibility_notes: string;
	/** Raised by one at each change: the version an edit was loaded from (migration 210). */
	version: Generated<number>;
}

export interface SpeakerTable {
	id: string;
	event_id: string;
	name: string;
	organisation: string;
	role_title: string;
	bio: string;
	/** Uploaded portrait (a row of `stored_file`), resized on the server. */
	portrait_file_id: string | null;
	portrait_alt: string;
	email: string | null;
	status: string; // invited | confirmed | declined
	travel_cost_cents: number | null;
	/** SHA-256 of the private link's token that lets the speaker complete their profile. */
	invite_token_hash: string | null;
	/** Last invitation e-mail (migration 005). */
	invited_at: Timestamp | null;
	/** When the speaker last confirmed or declined through their private link (migration 005). */
	responded_at: Timestamp | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 210). */
	version: Generated<number>;
}

export interface SessionTable {
	id: string;
	event_id: string;
	title: string;
	format: string; // plenary | workshop | round-table | masterclass | demo | pitch | stand | social | break
	description: string;
	themes: string; // JSON array of the event's axes
	starts_at: Timestamp;
	ends_at: Timestamp;
	room_id: string | null;
	/** JSON array of participant categories it is reserved to; empty = open to all. */
	audience: string;
	expected_attendance: number | null;
	capacity: number | null;
	requires_registration: number; // 0 | 1
	synthesis: string;
	synthesis_published: number; // 0 | 1
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 210). */
	version: Generated<number>;
}

export interface SessionSpeakerTable {
	session_id: string;
	speaker_id: string;
	part: string; // speaker | host | moderator
	position: number;
}

export interface SessionResourceTable {
	id: string;
	session_id: string;
	position: number;
	kind: string; // link | file | video
	title: string;
	url: string | null;
	file_id: string | null;
}

/** Files uploaded by organisers or speakers, kept in the database so that backups hold them. */
export interface StoredFileTable {
	id: string;
	event_id: string;
	filename: string;
	content_type: string;
	size: number;
	data: Buffer;
	created_at: Timestamp;
}

/** The public event page's banner and logos (migration 050), each kept at a few widths. */
export interface EventImageTable {
	id: string;
	event_id: string;
	kind: string; // banner | organiser | funder
	position: number;
	name: string;
	link: string | null;
	alt: string;
	/** Of the widest variant, so that the page reserves the image's room before it loads. */
	width: number;
	height: number;
	/** JSON: [{ width, fileId }] from the narrowest, each a row of `stored_file`. */
	variants: string;
	created_at: Timestamp;
}

export interface ProgrammeTables {
	room: RoomTable;
	speaker: SpeakerTable;
	session: SessionTable;
	session_speaker: SessionSpeakerTable;
	session_resource: SessionResourceTable;
	stored_file: StoredFileTable;
	event_image: EventImageTable;
}

/** Tables of the national view: reviewers and label requests (migration 2026-12-05-060). */
import type { Generated } from 'kysely';
type Timestamp = string | Date;

/** The instance role « relecteur·rice national·e »: who works the label requests' queue. */
export interface NationalReviewerTable {
	user_id: string;
	granted_by: string | null;
	created_at: Timestamp;
}

export interface LabelRequestTable {
	id: string;
	event_id: string;
	status: string; // requested | under_review | granted | refused | more_information
	/** Paris day of the (latest) submission, YYYY-MM-DD. */
	requested_on: string;
	/** 1 when submitted later than four months before the event. */
	late: number;
	expected_audience: number | null;
	requested_support: string; // JSON array of support keys
	/** JSON: what the programme asks for, read from the event when submitted. */
	snapshot: string;
	requested_by: string | null;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-060). */
	version: Generated<number>;
}

/** The history of a request: each submission and each reviewer's step, with its message. */
export interface LabelRequestStepTable {
	id: string;
	request_id: string;
	at: Timestamp;
	actor_id: string | null;
	actor_label: string;
	status: string;
	message: string;
}

/** Another Maillage instance whose public events this one shows (federation). */
export interface FollowedInstanceTable {
	id: string;
	/** Base URL, without a trailing slash: its feed is `${url}/events.json`. */
	url: string;
	added_by: string | null;
	created_at: Timestamp;
	fetched_at: Timestamp | null;
	status: string; // pending | ok | error
	error: string | null;
	event_count: number;
	/** `json`: its `/events.json` is read on a schedule; `activitypub`: this instance follows its actor. */
	protocol: string;
	/** The followed ActivityPub actor (protocol `activitypub`). */
	actor_url: string | null;
}

/** A public event read from a followed instance's feed; replaced as a whole at each read. */
export interface RemoteEventTable {
	instance_id: string;
	/** The event's public URL at its source: its identifier. */
	url: string;
	title: string;
	starts_at: Timestamp;
	ends_at: Timestamp;
	format: string;
	commune: string | null;
	/** The commune's INSEE code (COG), when the source gives one. */
	insee_code: string | null;
	departement: string | null;
	themes: string; // JSON array
	organisers: string; // JSON array of names
	label: string;
}

/** An event's figures, kept apart from its registrations (migration 2026-12-05-130). */
export interface EventFigureTable {
	event_id: string;
	/** Attended people (a registration with at least one check-in) and élu·es among them. */
	participants: number;
	elus: number;
	/** 1 when a registration or check-in changed since `computed_at` (set by triggers). */
	stale: number;
	computed_at: Timestamp;
	/** When the retention purge erased the registrations: the counts are final. */
	frozen_at: Timestamp | null;
	/** JSON: the report's participation block as it was before the purge. */
	report_participation: string | null;
}

/** The distinct folded (structure, commune) keys of an event's attended people. */
export interface EventFigureStructureTable {
	event_id: string;
	structure_key: string;
}

/** Distinct structures of a scope (`all` or a year), valid while its fingerprint matches. */
export interface NationalFigureCacheTable {
	scope: string;
	fingerprint: string;
	structures: number;
	computed_at: Timestamp;
}

/** ActivityPub key pairs of the local actors (the instance, each organising structure). */
export interface ApKeyTable {
	actor: string;
	kind: string;
	private_jwk: string;
	public_jwk: string;
	created_at: Timestamp;
}

/** Who follows a local actor, and where to deliver to them. */
export interface ApFollowerTable {
	actor: string;
	follower_id: string;
	inbox: string;
	shared_inbox: string | null;
	created_at: Timestamp;
}

/** The last version of each public event sent out (Create, then Update; Delete removes the row). */
export interface ApAnnouncedTable {
	event_id: string;
	object_id: string;
	actors: string;
	version: string;
	announced_at: Timestamp;
}

/** Fedify's key-value store (remote keys, inbox idempotence). */
export interface ApKvTable {
	key: string;
	value: string;
	expires_at: Timestamp | null;
}

export interface NationalTables {
	event_figure: EventFigureTable;
	event_figure_structure: EventFigureStructureTable;
	national_figure_cache: NationalFigureCacheTable;
	ap_key: ApKeyTable;
	ap_follower: ApFollowerTable;
	ap_announced: ApAnnouncedTable;
	ap_kv: ApKvTable;
	followed_instance: FollowedInstanceTable;
	remote_event: RemoteEventTable;
	national_reviewer: NationalReviewerTable;
	label_request: LabelRequestTable;
	label_request_step: LabelRequestStepTable;
}

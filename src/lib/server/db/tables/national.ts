/** Tables of the national view: reviewers and label requests (migration 2026-12-05-060). */
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
	departement: string | null;
	themes: string; // JSON array
	organisers: string; // JSON array of names
	label: string;
}

export interface NationalTables {
	followed_instance: FollowedInstanceTable;
	remote_event: RemoteEventTable;
	national_reviewer: NationalReviewerTable;
	label_request: LabelRequestTable;
	label_request_step: LabelRequestStepTable;
}

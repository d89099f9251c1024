import type { Generated } from 'kysely';
/** Tables of the report ("bilan") and the workshops' syntheses (migration 2026-12-05-040). */
type Timestamp = string | Date;

/** The organisers' choices and words for an event's report; one row per event, created on first write. */
export interface EventReportTable {
	event_id: string;
	published: number; // 0 | 1
	published_at: Timestamp | null;
	/** JSON array of the section keys the organisers chose not to show. */
	hidden_sections: string;
	/** JSON object: section key → the organisers' own text. */
	texts: string;
	show_per_session: number; // 0 | 1
	/** JSON `{ toImprove: [{theme, text}], toKeep: [{theme, text}] }`. */
	review: string;
	/** JSON array of quotes shown without names. */
	verbatims: string;
	/** Who signs the certificates of attendance, and their signature (a row of `stored_file`). */
	signatory: string;
	signature_file_id: string | null;
	/** The edition this event was prepared from (« Préparer l'édition suivante »). */
	previous_event_id: string | null;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-030). */
	version: Generated<number>;
}

/** A session's structured synthesis: sections of points, and the recording's link. */
export interface SessionSynthesisTable {
	session_id: string;
	event_id: string;
	/** JSON array `[{ title, points: [string] }]`. */
	sections: string;
	recording_url: string | null;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-070). */
	version: Generated<number>;
}

export interface ReportTables {
	event_report: EventReportTable;
	session_synthesis: SessionSynthesisTable;
}

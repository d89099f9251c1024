/** Tables of the satisfaction survey (migration 2026-12-05-020). */
import type { Generated } from 'kysely';

type Timestamp = string | Date;

/** One survey per event (`event_id` unique). */
export interface SurveyTable {
	id: string;
	event_id: string;
	title: string;
	intro: Generated<string>;
	/** 1: answers are stored without any link to the person (the default). */
	anonymous: Generated<number>;
	/** null: open from its creation; closes_at null: never closes. */
	opens_at: Timestamp | null;
	closes_at: Timestamp | null;
	/** 1: speakers see their sessions' feedback from their private link once the survey closes. */
	speakers_see: Generated<number>;
	created_at: Timestamp;
	updated_at: Timestamp;
	/** Raised by one at each change: the version an edit was loaded from (migration 2026-12-06-030). */
	version: Generated<number>;
}

export interface SurveyQuestionTable {
	id: string;
	survey_id: string;
	position: number;
	/** Heading of the section the question opens ('' = same section as the previous one). */
	section: Generated<string>;
	label: string;
	type: string; // scale5 | scale10 | single | multiple | yesno | text
	options: Generated<string>; // JSON array of strings (single, multiple)
	required: Generated<number>;
	/** 1: asked once for each session the person attended. */
	per_session: Generated<number>;
}

/** One answer sent (or imported); anonymous: no registration, a random id, only the day. */
export interface SurveyResponseTable {
	id: string;
	survey_id: string;
	registration_id: string | null;
	submitted_on: string; // YYYY-MM-DD
	source: string; // link | import
	/** Kept for the filters (shown only for groups of at least 5 when anonymous). */
	respondent_role: string | null;
	respondent_structure_type: string | null;
}

export interface SurveyAnswerTable {
	response_id: string;
	question_id: string;
	/** '' for a question asked once; the session's id for a per-session question. */
	session_key: Generated<string>;
	value: string; // JSON: a number, a boolean, a string or a list of strings
}

/** Only "has answered": for reminders to non-respondents and to refuse a second answer. */
export interface SurveyRespondentTable {
	survey_id: string;
	registration_id: string;
	answered_at: Timestamp;
}

/** A half-filled form, kept per private link until it is sent. */
export interface SurveyDraftTable {
	survey_id: string;
	registration_id: string;
	answers: string; // JSON of the form's fields
	updated_at: Timestamp;
}

export interface SurveyTables {
	survey: SurveyTable;
	survey_question: SurveyQuestionTable;
	survey_response: SurveyResponseTable;
	survey_answer: SurveyAnswerTable;
	survey_respondent: SurveyRespondentTable;
	survey_draft: SurveyDraftTable;
}

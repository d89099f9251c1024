/** All Kysely code of the satisfaction survey. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { SurveyQuestionTable, SurveyTable } from '../db/tables/surveys.ts';

export type SurveyRow = Selectable<SurveyTable>;
export type SurveyQuestionRow = Selectable<SurveyQuestionTable>;

export function findSurveyByEvent(db: DbOrTx, eventId: string): Promise<SurveyRow | undefined> {
	return db.selectFrom('survey').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export function listSurveyQuestions(db: DbOrTx, surveyId: string): Promise<SurveyQuestionRow[]> {
	return db.selectFrom('survey_question').selectAll().where('survey_id', '=', surveyId).orderBy('position').execute();
}

/** Creates the event's survey; nothing when another request created it meanwhile (unique `event_id`). */
export async function insertSurvey(db: DbOrTx, row: Insertable<SurveyTable>): Promise<void> {
	await db
		.insertInto('survey')
		.values(row)
		.onConflict((oc) => oc.column('event_id').doNothing())
		.execute();
}

/** Changes the survey and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateSurveyRow(
	db: DbOrTx,
	id: string,
	changes: Partial<Insertable<SurveyTable>>,
	versions?: number[]
): Promise<boolean> {
	let q = db
		.updateTable('survey')
		.set({ ...changes, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function insertSurveyQuestion(db: DbOrTx, row: Insertable<SurveyQuestionTable>): Promise<void> {
	await db.insertInto('survey_question').values(row).execute();
}

export async function updateSurveyQuestion(db: DbOrTx, id: string, changes: Partial<Insertable<SurveyQuestionTable>>): Promise<void> {
	await db.updateTable('survey_question').set(changes).where('id', '=', id).execute();
}

export async function deleteSurveyQuestions(db: DbOrTx, ids: string[]): Promise<void> {
	if (ids.length) await db.deleteFrom('survey_question').where('id', 'in', ids).execute();
}

/** Ids of the questions (among `ids`) that have at least one answer. */
export async function answeredQuestionIds(db: DbOrTx, ids: string[]): Promise<Set<string>> {
	if (!ids.length) return new Set();
	const rows = await db.selectFrom('survey_answer').select('question_id').distinct().where('question_id', 'in', ids).execute();
	return new Set(rows.map((r) => r.question_id));
}

export async function countResponses(db: DbOrTx, surveyId: string): Promise<number> {
	const row = await db
		.selectFrom('survey_response')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('survey_id', '=', surveyId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function hasResponded(db: DbOrTx, surveyId: string, registrationId: string): Promise<boolean> {
	const row = await db
		.selectFrom('survey_respondent')
		.select('registration_id')
		.where('survey_id', '=', surveyId)
		.where('registration_id', '=', registrationId)
		.executeTakeFirst();
	return !!row;
}

/** Records "has answered"; false when the registration already had (the unique pair). */
export async function insertRespondent(db: DbOrTx, surveyId: string, registrationId: string, at: string): Promise<boolean> {
	const r = await db
		.insertInto('survey_respondent')
		.values({ survey_id: surveyId, registration_id: registrationId, answered_at: at })
		.onConflict((oc) => oc.columns(['survey_id', 'registration_id']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface ResponseToInsert {
	id: string;
	surveyId: string;
	registrationId: string | null;
	submittedOn: string;
	source: 'link' | 'import';
	role: string | null;
	structureType: string | null;
	answers: { questionId: string; sessionKey: string; value: string }[];
}

export async function insertResponses(db: DbOrTx, responses: ResponseToInsert[]): Promise<void> {
	for (let i = 0; i < responses.length; i += 200) {
		const chunk = responses.slice(i, i + 200);
		await db
			.insertInto('survey_response')
			.values(
				chunk.map((r) => ({
					id: r.id,
					survey_id: r.surveyId,
					registration_id: r.registrationId,
					submitted_on: r.submittedOn,
					source: r.source,
					respondent_role: r.role,
					respondent_structure_type: r.structureType
				}))
			)
			.execute();
		const answers = chunk.flatMap((r) =>
			r.answers.map((a) => ({ response_id: r.id, question_id: a.questionId, session_key: a.sessionKey, value: a.value }))
		);
		for (let j = 0; j < answers.length; j += 500)
			await db
				.insertInto('survey_answer')
				.values(answers.slice(j, j + 500))
				.execute();
	}
}

export interface ResultFilter {
	role?: string;
	structureType?: string;
}

/** Every answer of the survey (optionally of one group of respondents), in response order. */
export function listSurveyAnswers(db: DbOrTx, surveyId: string, filter: ResultFilter = {}) {
	let q = db
		.selectFrom('survey_answer')
		.innerJoin('survey_response', 'survey_response.id', 'survey_answer.response_id')
		.select(['survey_answer.response_id', 'survey_answer.question_id', 'survey_answer.session_key', 'survey_answer.value'])
		.where('survey_response.survey_id', '=', surveyId);
	if (filter.role) q = q.where('survey_response.respondent_role', '=', filter.role);
	if (filter.structureType) q = q.where('survey_response.respondent_structure_type', '=', filter.structureType);
	return q.orderBy('survey_response.submitted_on').orderBy('survey_answer.response_id').execute();
}

/** Answers of the survey joined to their response, optionally of one group of respondents. */
function answersOf(db: DbOrTx, surveyId: string, filter: ResultFilter) {
	let q = db
		.selectFrom('survey_answer')
		.innerJoin('survey_response', 'survey_response.id', 'survey_answer.response_id')
		.where('survey_response.survey_id', '=', surveyId);
	if (filter.role) q = q.where('survey_response.respondent_role', '=', filter.role);
	if (filter.structureType) q = q.where('survey_response.respondent_structure_type', '=', filter.structureType);
	return q;
}

/**
 * How many answers each value of each question got, for all but `texts` (question ids): the
 * database counts, so a survey's results cost the same whatever its number of answers. A
 * question's answers are one per response and session (the table's key).
 */
export async function countAnswerValues(db: DbOrTx, surveyId: string, filter: ResultFilter, texts: string[]) {
	const rows = await answersOf(db, surveyId, filter)
		.select(['survey_answer.question_id', 'survey_answer.value', (eb) => eb.fn.countAll<string | number>().as('n')])
		.$if(texts.length > 0, (q) => q.where('survey_answer.question_id', 'not in', texts))
		.groupBy(['survey_answer.question_id', 'survey_answer.value'])
		.execute();
	return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Per session key: how many responses rated it, and the counts of each value of `ratingId`. */
export async function countSessionAnswers(db: DbOrTx, surveyId: string, filter: ResultFilter, ratingId: string | null) {
	const responses = await answersOf(db, surveyId, filter)
		.select(['survey_answer.session_key', (eb) => eb.fn.count<string | number>('survey_answer.response_id').distinct().as('n')])
		.where('survey_answer.session_key', '<>', '')
		.groupBy('survey_answer.session_key')
		.execute();
	const ratings = ratingId
		? await answersOf(db, surveyId, filter)
				.select(['survey_answer.session_key', 'survey_answer.value', (eb) => eb.fn.countAll<string | number>().as('n')])
				.where('survey_answer.session_key', '<>', '')
				.where('survey_answer.question_id', '=', ratingId)
				.groupBy(['survey_answer.session_key', 'survey_answer.value'])
				.execute()
		: [];
	return {
		responses: responses.map((r) => ({ sessionKey: r.session_key, n: Number(r.n) })),
		ratings: ratings.map((r) => ({ sessionKey: r.session_key, value: r.value, n: Number(r.n) }))
	};
}

/** How many answers each of `questionIds` got. */
export async function countTextAnswers(db: DbOrTx, surveyId: string, filter: ResultFilter, questionIds: string[]) {
	const rows = await answersOf(db, surveyId, filter)
		.select(['survey_answer.question_id', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('survey_answer.question_id', 'in', questionIds)
		.groupBy('survey_answer.question_id')
		.execute();
	return rows.map((r) => ({ question_id: r.question_id, n: Number(r.n) }));
}

/** The answers to `questionIds` (the text questions), in response order. */
export function listTextAnswers(db: DbOrTx, surveyId: string, filter: ResultFilter, questionIds: string[]) {
	if (questionIds.length === 0) return Promise.resolve([]);
	return answersOf(db, surveyId, filter)
		.select(['survey_answer.question_id', 'survey_answer.session_key', 'survey_answer.value'])
		.where('survey_answer.question_id', 'in', questionIds)
		.orderBy('survey_response.submitted_on')
		.orderBy('survey_answer.response_id')
		.execute();
}

export async function countFilteredResponses(db: DbOrTx, surveyId: string, filter: ResultFilter): Promise<number> {
	let q = db
		.selectFrom('survey_response')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('survey_id', '=', surveyId);
	if (filter.role) q = q.where('respondent_role', '=', filter.role);
	if (filter.structureType) q = q.where('respondent_structure_type', '=', filter.structureType);
	return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Groups of respondents, for the filters: how many responses per role and per structure type. */
export async function countResponsesByGroup(db: DbOrTx, surveyId: string) {
	const roles = await db
		.selectFrom('survey_response')
		.select(['respondent_role as key', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('survey_id', '=', surveyId)
		.where('respondent_role', 'is not', null)
		.groupBy('respondent_role')
		.execute();
	const types = await db
		.selectFrom('survey_response')
		.select(['respondent_structure_type as key', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('survey_id', '=', surveyId)
		.where('respondent_structure_type', 'is not', null)
		.groupBy('respondent_structure_type')
		.execute();
	const map = (rows: { key: string | null; n: string | number }[]) => new Map(rows.map((r) => [r.key ?? '', Number(r.n)]));
	return { roles: map(roles), structureTypes: map(types) };
}

/** The responses with their respondent (named surveys only: anonymous ones have none). */
export function listSurveyResponses(db: DbOrTx, surveyId: string) {
	return db
		.selectFrom('survey_response')
		.leftJoin('registration', 'registration.id', 'survey_response.registration_id')
		.select([
			'survey_response.id',
			'survey_response.submitted_on',
			'survey_response.source',
			'survey_response.respondent_role',
			'survey_response.respondent_structure_type',
			'registration.first_name',
			'registration.last_name',
			'registration.email',
			'registration.structure_name'
		])
		.where('survey_response.survey_id', '=', surveyId)
		.orderBy('survey_response.submitted_on')
		.orderBy('survey_response.id')
		.execute();
}

/**
 * The people invited to answer: registrations (not cancelled) checked in at least once; for an
 * event where nobody has been checked in yet, its confirmed registrations.
 */
export async function countInvited(db: DbOrTx, eventId: string): Promise<number> {
	const came = await db
		.selectFrom('checkin')
		.innerJoin('registration', 'registration.id', 'checkin.registration_id')
		.select((eb) => eb.fn.count<string | number>('checkin.registration_id').distinct().as('n'))
		.where('checkin.event_id', '=', eventId)
		.where('registration.status', '!=', 'cancelled')
		.executeTakeFirstOrThrow();
	if (Number(came.n) > 0) return Number(came.n);
	const confirmed = await db
		.selectFrom('registration')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.executeTakeFirstOrThrow();
	return Number(confirmed.n);
}

/** The event's sessions a participant may give feedback on (breaks excluded), in time order. */
export function listRateableSessions(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('session')
		.select(['id', 'title', 'starts_at', 'ends_at', 'format', 'requires_registration'])
		.where('event_id', '=', eventId)
		.where('format', '!=', 'break')
		.orderBy('starts_at')
		.orderBy('title')
		.execute();
}

export function listConfirmedSeatIds(db: DbOrTx, registrationId: string) {
	return db
		.selectFrom('registration_session')
		.select('session_id')
		.where('registration_id', '=', registrationId)
		.where('status', '=', 'confirmed')
		.execute();
}

export function listCheckedInHalfDays(db: DbOrTx, registrationId: string) {
	return db.selectFrom('checkin').select('half_day').where('registration_id', '=', registrationId).execute();
}

export async function findDraft(db: DbOrTx, surveyId: string, registrationId: string): Promise<string | null> {
	const row = await db
		.selectFrom('survey_draft')
		.select('answers')
		.where('survey_id', '=', surveyId)
		.where('registration_id', '=', registrationId)
		.executeTakeFirst();
	return row?.answers ?? null;
}

export async function upsertDraft(db: DbOrTx, surveyId: string, registrationId: string, answers: string, at: string): Promise<void> {
	await db
		.insertInto('survey_draft')
		.values({ survey_id: surveyId, registration_id: registrationId, answers, updated_at: at })
		.onConflict((oc) => oc.columns(['survey_id', 'registration_id']).doUpdateSet({ answers, updated_at: at }))
		.execute();
}

export async function deleteDraft(db: DbOrTx, surveyId: string, registrationId: string): Promise<void> {
	await db.deleteFrom('survey_draft').where('survey_id', '=', surveyId).where('registration_id', '=', registrationId).execute();
}

/**
 * The participant's side of the survey, from their private link (the registration's token):
 * the form with the sessions they attended, the draft kept per link, and the answer itself.
 * An anonymous survey stores the answer without the registration (a random id, the day only)
 * and records in `survey_respondent` only that this registration has answered.
 */
import { emitWebhook } from '../webhooks/webhook.service.ts';
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import { findEventById } from '../events/event.queries.ts';
import { halfDayOf } from '../registrations/half-days.ts';
import { findRegistrationByTokenHash } from '../registrations/registration.queries.ts';
import { hashToken, looksLikeManageToken, type RegistrationContext } from '../registrations/registration.service.ts';
import { withTx } from '../tx.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../validation.ts';
import { checkAnswer, type CheckedAnswer } from './survey.rules.ts';
import {
	deleteDraft,
	findDraft,
	findSurveyByEvent,
	hasResponded,
	insertRespondent,
	insertResponses,
	listCheckedInHalfDays,
	listConfirmedSeatIds,
	listRateableSessions,
	listSurveyQuestions,
	upsertDraft,
	type ResponseToInsert
} from './survey.queries.ts';
import { parseSurveyInput, surveyResponseInputSchema, ANSWER_TEXT_MAX } from './survey.schema.ts';
import { toSurveyView } from './survey.service.ts';

type RegistrationRow = NonNullable<Awaited<ReturnType<typeof findRegistrationByTokenHash>>>;

async function registrationByToken(db: DbOrTx, token: string): Promise<RegistrationRow> {
	if (!looksLikeManageToken(token)) throw new NotFoundError('registration');
	const row = await findRegistrationByTokenHash(db, hashToken(token));
	if (!row) throw new NotFoundError('registration');
	return row;
}

async function surveyOf(db: DbOrTx, row: RegistrationRow, slug: string | null) {
	const event = await findEventById(db, row.event_id);
	if (!event || (slug !== null && event.slug !== slug)) throw new NotFoundError('event');
	const survey = await findSurveyByEvent(db, event.id);
	if (!survey) throw new NotFoundError('survey');
	return { event, survey, questions: await listSurveyQuestions(db, survey.id) };
}

/**
 * The sessions a person attended: their confirmed seats, and the sessions open to all (no
 * registration needed) on the half-days they were checked in — or, before any check-in, the
 * half-days they registered for.
 */
export async function attendedSessions(db: DbOrTx, row: RegistrationRow) {
	return (await rateableSessionsOf(db, row)).attended;
}

/** The event's rateable sessions, and those of them the person attended (as `attendedSessions`). */
async function rateableSessionsOf(db: DbOrTx, row: RegistrationRow) {
	const [sessions, seatRows, checkins] = await Promise.all([
		listRateableSessions(db, row.event_id),
		listConfirmedSeatIds(db, row.id),
		listCheckedInHalfDays(db, row.id)
	]);
	const seats = new Set(seatRows.map((s) => s.session_id));
	const checked = checkins.map((c) => c.half_day);
	const halfDays = new Set(checked.length ? checked : (JSON.parse(row.half_days) as string[]));
	const attended = sessions
		.filter((s) => seats.has(s.id) || (Number(s.requires_registration) === 0 && halfDays.has(halfDayOf(toIso(s.starts_at)))))
		.map((s) => ({ id: s.id, title: s.title, startsAt: toIso(s.starts_at), endsAt: toIso(s.ends_at) }));
	return { all: new Set(sessions.map((s) => s.id)), attended };
}

/** The draft's fields as the form posted them (kept as typed, not checked). */
export type DraftFields = Record<string, string | string[]>;

/** What the answer page shows; NotFoundError for an unknown link or an event without survey. */
export async function getSurveyForm(ctx: RegistrationContext, token: string, now: Date = new Date()) {
	const row = await registrationByToken(ctx.db, token);
	const { event, survey, questions } = await surveyOf(ctx.db, row, null);
	const answered = await hasResponded(ctx.db, survey.id, row.id);
	const draft = answered ? null : await findDraft(ctx.db, survey.id, row.id);
	return {
		event: { slug: event.slug, title: event.title },
		survey: toSurveyView(survey, questions, now),
		registration: { firstName: row.first_name, cancelled: row.status === 'cancelled' },
		answered,
		sessions: await attendedSessions(ctx.db, row),
		draft: draft ? (JSON.parse(draft) as DraftFields) : null
	};
}

/** Whether the private page should link to the survey: it exists, is open, and this person has not answered. */
export async function surveyLinkFor(ctx: RegistrationContext, token: string, now: Date = new Date()): Promise<boolean> {
	const row = await registrationByToken(ctx.db, token);
	if (row.status === 'cancelled') return false;
	const survey = await findSurveyByEvent(ctx.db, row.event_id);
	if (!survey) return false;
	const t = now.toISOString();
	if ((survey.opens_at && t < toIso(survey.opens_at)) || (survey.closes_at && t >= toIso(survey.closes_at))) return false;
	return !(await hasResponded(ctx.db, survey.id, row.id));
}

/** Keeps a half-filled form for this link (replacing the previous draft); nothing is checked. */
export async function saveSurveyDraft(ctx: RegistrationContext, token: string, fields: DraftFields): Promise<void> {
	const row = await registrationByToken(ctx.db, token);
	const { survey } = await surveyOf(ctx.db, row, null);
	if (await hasResponded(ctx.db, survey.id, row.id)) throw new ConflictError([{ field: '_', message: 'surveys.errors.alreadyAnswered' }]);
	const kept: DraftFields = {};
	for (const [k, v] of Object.entries(fields).slice(0, 500))
		kept[k.slice(0, 100)] = Array.isArray(v) ? v.slice(0, 30).map((x) => x.slice(0, 300)) : v.slice(0, ANSWER_TEXT_MAX);
	await upsertDraft(ctx.db, survey.id, row.id, JSON.stringify(kept), nowIso());
}

/** The stored rows of a checked answer. */
export function answerRows(answer: CheckedAnswer): ResponseToInsert['answers'] {
	const rows: ResponseToInsert['answers'] = [];
	for (const [questionId, v] of answer.questions) rows.push({ questionId, sessionKey: '', value: JSON.stringify(v) });
	for (const [sessionId, values] of answer.sessions)
		for (const [questionId, v] of values) rows.push({ questionId, sessionKey: sessionId, value: JSON.stringify(v) });
	return rows;
}

/**
 * Stores a participant's answer. NotFoundError: unknown link, another event's slug, no survey;
 * ForbiddenError: a cancelled registration; ConflictError: not open yet, closed, or already
 * answered (also when two answers race: the unique pair of `survey_respondent` decides);
 * ValidationError: any value refused, a session rated that the person did not attend or choose
 * among them (nothing is stored). The draft is dropped.
 */
export async function submitSurveyResponse(
	ctx: RegistrationContext,
	token: string,
	slug: string | null,
	input: unknown,
	now: Date = new Date()
): Promise<{ id: string }> {
	const row = await registrationByToken(ctx.db, token);
	const { survey, questions } = await surveyOf(ctx.db, row, slug);
	if (row.status === 'cancelled') throw new ForbiddenError('cancelled');
	const view = toSurveyView(survey, questions, now);
	if (view.status === 'upcoming') throw new ConflictError([{ field: '_', message: 'surveys.errors.notOpen' }]);
	if (view.status === 'closed') throw new ConflictError([{ field: '_', message: 'surveys.errors.closed' }]);
	const already = () => new ConflictError([{ field: '_', message: 'surveys.errors.alreadyAnswered' }]);
	if (await hasResponded(ctx.db, survey.id, row.id)) throw already();
	const data = parseSurveyInput(surveyResponseInputSchema, input);
	// Only the sessions the answer page offers this person: those they attended or chose.
	const sessions = await rateableSessionsOf(ctx.db, row);
	const checked = checkAnswer(view.questions, new Set(sessions.attended.map((s) => s.id)), data);
	if (!checked.ok)
		throw new ValidationError(
			checked.issues.map((i) =>
				i.message === 'surveys.errors.unknownSession' && sessions.all.has(i.field.slice('sessions.'.length))
					? { ...i, message: 'surveys.errors.sessionNotAttended' }
					: i
			)
		);
	const anonymous = view.anonymous;
	const id = crypto.randomUUID();
	await withTx(ctx.db, async (tx) => {
		if (!(await insertRespondent(tx, survey.id, row.id, now.toISOString()))) throw already();
		await insertResponses(tx, [
			{
				id,
				surveyId: survey.id,
				registrationId: anonymous ? null : row.id,
				submittedOn: now.toISOString().slice(0, 10),
				source: 'link',
				role: row.role || null,
				structureType: row.structure_type || null,
				answers: answerRows(checked.answer)
			}
		]);
		await deleteDraft(tx, survey.id, row.id);
		// Who answered is not sent, only that an answer came: the survey may be anonymous.
		const event = await findEventById(tx, row.event_id);
		if (event)
			await emitWebhook(tx, row.event_id, 'survey.answered', {
				event: { id: event.id, slug: event.slug },
				survey: { id: survey.id },
				response: { id }
			});
	});
	return { id };
}

/** The survey as a participant's client sees it (bearer: the private link's token of a registration of this event). */
export async function getSurveyForToken(ctx: RegistrationContext, token: string, slug: string, now: Date = new Date()) {
	const row = await registrationByToken(ctx.db, token);
	const { survey, questions } = await surveyOf(ctx.db, row, slug);
	return toSurveyView(survey, questions, now);
}

/**
 * The survey as the organisers build it: one per event, created from the NEC template and then
 * edited, or written whole through `PUT …/survey`. Questions keep their ids (and answers) when
 * the survey is saved again with them; a question left out is deleted with its answers.
 */
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import type { EventRow } from '../events/event.queries.ts';
import { eventForPreparation } from '../planning/event-access.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../validation.ts';
import { necTemplate, surveyStatus } from './survey.rules.ts';
import {
	answeredQuestionIds,
	countResponses,
	deleteSurveyQuestions,
	findSurveyByEvent,
	insertSurvey,
	insertSurveyQuestion,
	listSurveyQuestions,
	updateSurveyQuestion,
	updateSurveyRow,
	type SurveyQuestionRow,
	type SurveyRow
} from './survey.queries.ts';
import { parseSurveyInput, surveyInputSchema, type SurveyInput, type SurveyQuestionType, type SurveyView } from './survey.schema.ts';

const DAY_MS = 86_400_000;

export function toQuestionView(q: SurveyQuestionRow) {
	return {
		id: q.id,
		position: Number(q.position),
		section: q.section,
		label: q.label,
		type: q.type as SurveyQuestionType,
		options: JSON.parse(q.options) as string[],
		required: Number(q.required) === 1,
		perSession: Number(q.per_session) === 1
	};
}

export function toSurveyView(row: SurveyRow, questions: SurveyQuestionRow[], now: Date = new Date()): SurveyView {
	const opensAt = row.opens_at === null ? null : toIso(row.opens_at);
	const closesAt = row.closes_at === null ? null : toIso(row.closes_at);
	return {
		id: row.id,
		eventId: row.event_id,
		title: row.title,
		intro: row.intro,
		anonymous: Number(row.anonymous) === 1,
		opensAt,
		closesAt,
		speakersSee: Number(row.speakers_see) === 1,
		status: surveyStatus(opensAt, closesAt, now),
		questions: questions.map(toQuestionView),
		version: Number(row.version)
	};
}

/** The survey of an event (with its questions), or null; no permission check (callers check). */
export async function loadSurvey(db: DbOrTx, eventId: string, now: Date = new Date()): Promise<SurveyView | null> {
	const row = await findSurveyByEvent(db, eventId);
	if (!row) return null;
	return toSurveyView(row, await listSurveyQuestions(db, row.id), now);
}

/** The survey, for the event's team; NotFoundError when the event has none (or the actor no role). */
export async function getSurvey(ctx: ServiceContext, actor: Actor, slug: string): Promise<SurveyView> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const survey = await loadSurvey(ctx.db, event.id);
	if (!survey) throw new NotFoundError('survey');
	return survey;
}

/** The builder page: the event, its survey or null, and how many answers it has. */
export async function getSurveyBuilder(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const survey = await loadSurvey(ctx.db, event.id);
	return {
		survey,
		responses: survey ? await countResponses(ctx.db, survey.id) : 0,
		canEdit: role !== 'readonly',
		template: survey ? null : templateInput(event)
	};
}

/** The NEC template as a survey input: open from the event's last day for four weeks. */
export function templateInput(event: EventRow): SurveyInput {
	const end = new Date(toIso(event.ends_at));
	return {
		title: `Votre avis sur ${event.title}`,
		intro: 'Quelques minutes pour nous dire ce qui vous a plu et ce qu’il faut améliorer pour la prochaine édition.',
		anonymous: true,
		opensAt: end.toISOString(),
		closesAt: new Date(end.getTime() + 28 * DAY_MS).toISOString(),
		speakersSee: false,
		questions: necTemplate()
	};
}

/** Creates the event's survey from the NEC template; an existing survey is returned unchanged. */
export async function createSurveyFromTemplate(ctx: ServiceContext, actor: Actor, slug: string): Promise<SurveyView> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'edit');
	const existing = await loadSurvey(ctx.db, event.id);
	if (existing) return existing;
	return saveSurvey(ctx, actor, slug, templateInput(event));
}

/**
 * Creates or replaces the event's survey (the API's PUT and the builder's form). Refused with
 * field errors: switching between anonymous and named once answers exist (earlier answers would
 * not be what the form promised), changing the type of an answered question, an id that is not
 * one of this survey's questions. With `version` (the builder's hidden field, If-Match):
 * StaleVersionError and nothing written when the survey changed since it was loaded.
 */
export async function saveSurvey(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<SurveyView> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'edit');
	const data = parseSurveyInput(surveyInputSchema, input);
	return withTx(ctx.db, async (tx) => {
		const now = nowIso();
		let survey = await findSurveyByEvent(tx, event.id);
		// A stale version first: the person should see what changed before fixing anything else.
		const versions = survey ? versionsToWrite(version, Number(survey.version)) : undefined;
		const fields = {
			title: data.title,
			intro: data.intro,
			anonymous: data.anonymous ? 1 : 0,
			opens_at: data.opensAt,
			closes_at: data.closesAt,
			speakers_see: data.speakersSee ? 1 : 0,
			updated_at: now
		};
		const issues: FieldIssue[] = [];
		let existing: SurveyQuestionRow[] = [];
		if (survey) {
			existing = await listSurveyQuestions(tx, survey.id);
			if (Number(survey.anonymous) !== fields.anonymous && (await countResponses(tx, survey.id)) > 0)
				issues.push({ field: 'anonymous', message: 'surveys.errors.anonymityLocked' });
		}
		const byId = new Map(existing.map((q) => [q.id, q]));
		const answered = await answeredQuestionIds(
			tx,
			existing.map((q) => q.id)
		);
		data.questions.forEach((q, i) => {
			if (!q.id) return;
			const old = byId.get(q.id);
			if (!old) issues.push({ field: `questions.${i}.id`, message: 'surveys.errors.unknownQuestion' });
			else if (answered.has(q.id) && (old.type !== q.type || Number(old.per_session) !== (q.perSession ? 1 : 0)))
				issues.push({ field: `questions.${i}.type`, message: 'surveys.errors.typeLocked' });
		});
		if (issues.length) throw new ValidationError(issues);

		if (!survey) {
			const id = crypto.randomUUID();
			await insertSurvey(tx, { id, event_id: event.id, ...fields, created_at: now });
			survey = (await findSurveyByEvent(tx, event.id))!;
		} else if (!(await updateSurveyRow(tx, survey.id, fields, versions))) {
			const stored = await findSurveyByEvent(tx, event.id);
			throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
		} else survey = (await findSurveyByEvent(tx, event.id))!;

		const kept = new Set(data.questions.map((q) => q.id).filter(Boolean));
		await deleteSurveyQuestions(
			tx,
			existing.filter((q) => !kept.has(q.id)).map((q) => q.id)
		);
		for (const [i, q] of data.questions.entries()) {
			const row = {
				position: i + 1,
				section: q.section,
				label: q.label,
				type: q.type,
				options: JSON.stringify(q.options),
				required: q.required ? 1 : 0,
				per_session: q.perSession ? 1 : 0
			};
			if (q.id) await updateSurveyQuestion(tx, q.id, row);
			else await insertSurveyQuestion(tx, { id: crypto.randomUUID(), survey_id: survey.id, ...row });
		}
		return toSurveyView(survey, await listSurveyQuestions(tx, survey.id));
	});
}

/**
 * Results of the survey: the response rate, per question counts, average (scales) and
 * distribution, free-text answers, per-session ratings and comments, optionally for one group
 * of respondents (role or structure type). `computeSurveyResults` has no permission check: the
 * report reads it too; `getSurveyResults` is the team's entry point.
 */
import type { DbOrTx } from '../db/index.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { eventForPreparation } from '../planning/event-access.ts';
import { ConflictError, NotFoundError } from '../validation.ts';
import {
	countFilteredResponses,
	countInvited,
	countResponses,
	countResponsesByGroup,
	findSurveyByEvent,
	listRateableSessions,
	listSurveyAnswers,
	listSurveyQuestions,
	listSurveyResponses,
	type ResultFilter
} from './survey.queries.ts';
import type { Translate } from '../../i18n/index.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { answersCsv, resultsCsv, resultsXlsx, type ResponseForExport } from './survey.export.ts';
import type { CsvOptions } from '../csv.ts';
import type { SurveyQuestionType, SurveyResults } from './survey.schema.ts';
import { toQuestionView } from './survey.service.ts';

/** An anonymous survey shows a group's results only from this many answers (no filter may reveal one person). */
export const MIN_GROUP = 5;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function emptyDistribution(type: SurveyQuestionType, options: string[]): Record<string, number> {
	if (type === 'scale5') return Object.fromEntries([1, 2, 3, 4, 5].map((v) => [String(v), 0]));
	if (type === 'scale10') return Object.fromEntries(Array.from({ length: 11 }, (_, v) => [String(v), 0]));
	if (type === 'yesno') return { true: 0, false: 0 };
	if (type === 'single' || type === 'multiple') return Object.fromEntries(options.map((o) => [o, 0]));
	return {};
}

/**
 * The results of the event's survey, or null when it has none. `invited` counts the people who
 * came (registrations checked in at least once), or the confirmed registrations while nobody has
 * been checked in; `responses` counts every answer, imported ones included. No permission check.
 */
export async function computeSurveyResults(db: DbOrTx, eventId: string, filter: ResultFilter = {}): Promise<SurveyResults | null> {
	const survey = await findSurveyByEvent(db, eventId);
	if (!survey) return null;
	const questions = (await listSurveyQuestions(db, survey.id)).map(toQuestionView);
	const filtering = !!(filter.role || filter.structureType);
	const responses = filtering ? await countFilteredResponses(db, survey.id, filter) : await countResponses(db, survey.id);
	const invited = await countInvited(db, eventId);
	const answers = await listSurveyAnswers(db, survey.id, filter);

	const stats = new Map(
		questions.map((q) => [
			q.id,
			{ count: 0, sum: 0, responses: new Set<string>(), distribution: emptyDistribution(q.type, q.options), texts: [] as string[] }
		])
	);
	const typeOf = new Map(questions.map((q) => [q.id, q.type]));
	const rating = questions.find((q) => q.perSession && (q.type === 'scale5' || q.type === 'scale10'));
	const comment = questions.find((q) => q.perSession && q.type === 'text');
	const perSession = new Map<string, { responses: Set<string>; sum: number; rated: number; comments: string[] }>();

	for (const a of answers) {
		const s = stats.get(a.question_id);
		const type = typeOf.get(a.question_id);
		if (!s || !type) continue;
		const value = JSON.parse(a.value) as number | boolean | string | string[];
		s.responses.add(`${a.response_id}/${a.session_key}`);
		if (type === 'text') s.texts.push(String(value));
		else if (Array.isArray(value)) for (const v of value) s.distribution[v] = (s.distribution[v] ?? 0) + 1;
		else s.distribution[String(value)] = (s.distribution[String(value)] ?? 0) + 1;
		if (typeof value === 'number') s.sum += value;
		if (a.session_key) {
			const p = perSession.get(a.session_key) ?? { responses: new Set(), sum: 0, rated: 0, comments: [] };
			p.responses.add(a.response_id);
			if (rating && a.question_id === rating.id && typeof value === 'number') {
				p.sum += value;
				p.rated += 1;
			}
			if (comment && a.question_id === comment.id) p.comments.push(String(value));
			perSession.set(a.session_key, p);
		}
	}

	const sessions = (await listRateableSessions(db, eventId))
		.filter((s) => perSession.has(s.id))
		.map((s) => {
			const p = perSession.get(s.id)!;
			return {
				id: s.id,
				title: s.title,
				count: p.responses.size,
				average: p.rated ? round(p.sum / p.rated, 2) : null,
				comments: p.comments
			};
		});

	return {
		invited,
		responses,
		responseRate: invited ? round(responses / invited, 3) : 0,
		questions: questions.map((q) => {
			const s = stats.get(q.id)!;
			const count = s.responses.size;
			const scale = q.type === 'scale5' || q.type === 'scale10';
			return {
				id: q.id,
				label: q.label,
				type: q.type,
				section: q.section,
				perSession: q.perSession,
				count,
				average: scale && count ? round(s.sum / count, 2) : null,
				distribution: s.distribution,
				texts: s.texts
			};
		}),
		sessions
	};
}

/** The groups offered as filters, each with its number of answers and whether it may be shown. */
export async function listResultGroups(db: DbOrTx, surveyId: string, anonymous: boolean) {
	const groups = await countResponsesByGroup(db, surveyId);
	const list = (m: Map<string, number>) =>
		[...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => ({ key, n, shown: !anonymous || n >= MIN_GROUP }));
	return { roles: list(groups.roles), structureTypes: list(groups.structureTypes) };
}

/**
 * The results for the event's team (NotFoundError without a role or without a survey). A filter
 * on an anonymous survey's group of fewer than MIN_GROUP answers is refused (ConflictError):
 * such a group could be one person.
 */
export async function getSurveyResults(ctx: ServiceContext, actor: Actor, slug: string, filter: ResultFilter = {}) {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const survey = await findSurveyByEvent(ctx.db, event.id);
	if (!survey) throw new NotFoundError('survey');
	const anonymous = Number(survey.anonymous) === 1;
	if ((filter.role || filter.structureType) && anonymous && (await countFilteredResponses(ctx.db, survey.id, filter)) < MIN_GROUP)
		throw new ConflictError([{ field: 'filter', message: 'surveys.errors.groupTooSmall', params: { min: MIN_GROUP } }]);
	const results = (await computeSurveyResults(ctx.db, event.id, filter))!;
	return {
		event,
		survey: { id: survey.id, title: survey.title, anonymous },
		results,
		groups: await listResultGroups(ctx.db, survey.id, anonymous)
	};
}

function basename(slug: string, what: string) {
	return `${what}-${slug}`;
}

/** The results as a file (CSV or XLSX), for the event's team. */
export async function exportSurveyResults(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	format: 'csv' | 'xlsx',
	t: Translate,
	csv?: CsvOptions
) {
	const { event, results } = await getSurveyResults(ctx, actor, slug);
	return format === 'csv'
		? resultsCsv(results, basename(event.slug, 'questionnaire-resultats'), t, csv)
		: resultsXlsx(results, basename(event.slug, 'questionnaire-resultats'), t);
}

/** Every answer as CSV, for the event's team; a named survey's export (with names) is audited. */
export async function exportSurveyAnswers(ctx: ServiceContext, actor: Actor, slug: string, t: Translate, csv?: CsvOptions) {
	const { event, survey } = await getSurveyResults(ctx, actor, slug);
	const questions = (await listSurveyQuestions(ctx.db, survey.id)).map(toQuestionView);
	const answers = await listSurveyAnswers(ctx.db, survey.id);
	const byResponse = new Map<string, ResponseForExport['answers']>();
	for (const a of answers)
		byResponse.set(a.response_id, [
			...(byResponse.get(a.response_id) ?? []),
			{ questionId: a.question_id, sessionKey: a.session_key, value: JSON.parse(a.value) }
		]);
	const responses: ResponseForExport[] = (await listSurveyResponses(ctx.db, survey.id)).map((r) => ({
		id: r.id,
		submittedOn: r.submitted_on,
		source: r.source,
		person:
			survey.anonymous || r.first_name === null
				? null
				: {
						firstName: r.first_name,
						lastName: r.last_name ?? '',
						email: r.email,
						structure: r.structure_name ?? '',
						role: r.respondent_role ? t(`participants.role.${r.respondent_role}`) : '',
						structureType: r.respondent_structure_type ? t(`participants.structureType.${r.respondent_structure_type}`) : ''
					},
		answers: byResponse.get(r.id) ?? []
	}));
	const sessions = new Map((await listRateableSessions(ctx.db, event.id)).map((s) => [s.id, s.title]));
	const file = await answersCsv(questions, sessions, responses, survey.anonymous, basename(event.slug, 'questionnaire-reponses'), t, csv);
	if (!survey.anonymous)
		await recordAudit(ctx.db, {
			actor,
			event: { id: event.id, title: event.title },
			action: 'survey-answers.export',
			subject: file.filename,
			details: { rows: responses.length }
		});
	return file;
}

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
	countAnswerValues,
	countResponsesByGroup,
	countSessionAnswers,
	countTextAnswers,
	findSurveyByEvent,
	listRateableSessions,
	listSurveyAnswers,
	listSurveyQuestions,
	listSurveyResponses,
	listTextAnswers,
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
 * been checked in; `responses` counts every answer, imported ones included. The database counts
 * the answers (a fixed number of statements, each returning one row per question and value);
 * the free texts and session comments are read only when `texts` is true (the report's figures
 * do without them). No permission check.
 */
export async function computeSurveyResults(
	db: DbOrTx,
	eventId: string,
	filter: ResultFilter = {},
	options: { texts?: boolean } = {}
): Promise<SurveyResults | null> {
	const survey = await findSurveyByEvent(db, eventId);
	if (!survey) return null;
	const withTexts = options.texts ?? true;
	const questions = (await listSurveyQuestions(db, survey.id)).map(toQuestionView);
	const filtering = !!(filter.role || filter.structureType);
	const textIds = questions.filter((q) => q.type === 'text').map((q) => q.id);
	const rating = questions.find((q) => q.perSession && (q.type === 'scale5' || q.type === 'scale10'));
	const comment = questions.find((q) => q.perSession && q.type === 'text');
	const [responses, invited, values, perSession, texts, rateable] = await Promise.all([
		filtering ? countFilteredResponses(db, survey.id, filter) : countResponses(db, survey.id),
		countInvited(db, eventId),
		countAnswerValues(db, survey.id, filter, textIds),
		countSessionAnswers(db, survey.id, filter, rating?.id ?? null),
		withTexts ? listTextAnswers(db, survey.id, filter, textIds) : Promise.resolve([]),
		listRateableSessions(db, eventId)
	]);

	const stats = new Map(
		questions.map((q) => [q.id, { count: 0, sum: 0, distribution: emptyDistribution(q.type, q.options), texts: [] as string[] }])
	);
	for (const a of values) {
		const s = stats.get(a.question_id);
		if (!s) continue;
		const value = JSON.parse(a.value) as number | boolean | string | string[];
		s.count += a.n;
		if (Array.isArray(value)) for (const v of value) s.distribution[v] = (s.distribution[v] ?? 0) + a.n;
		else s.distribution[String(value)] = (s.distribution[String(value)] ?? 0) + a.n;
		if (typeof value === 'number') s.sum += value * a.n;
	}
	const comments = new Map<string, string[]>();
	for (const a of texts) {
		const s = stats.get(a.question_id)!;
		const value = String(JSON.parse(a.value));
		s.count += 1;
		s.texts.push(value);
		if (a.session_key && comment && a.question_id === comment.id)
			comments.set(a.session_key, [...(comments.get(a.session_key) ?? []), value]);
	}
	// Without the texts read, a text question's count is still its number of answers.
	if (!withTexts && textIds.length)
		for (const r of await countTextAnswers(db, survey.id, filter, textIds)) stats.get(r.question_id)!.count = r.n;

	const rated = new Map<string, { sum: number; n: number }>();
	for (const r of perSession.ratings) {
		const value = JSON.parse(r.value);
		if (typeof value !== 'number') continue;
		const p = rated.get(r.sessionKey) ?? { sum: 0, n: 0 };
		p.sum += value * r.n;
		p.n += r.n;
		rated.set(r.sessionKey, p);
	}
	const answeredSessions = new Map(perSession.responses.map((r) => [r.sessionKey, r.n]));
	const sessions = rateable
		.filter((s) => answeredSessions.has(s.id))
		.map((s) => {
			const p = rated.get(s.id);
			return {
				id: s.id,
				title: s.title,
				count: answeredSessions.get(s.id)!,
				average: p?.n ? round(p.sum / p.n, 2) : null,
				comments: comments.get(s.id) ?? []
			};
		});

	return {
		invited,
		responses,
		responseRate: invited ? round(responses / invited, 3) : 0,
		questions: questions.map((q) => {
			const s = stats.get(q.id)!;
			const scale = q.type === 'scale5' || q.type === 'scale10';
			return {
				id: q.id,
				label: q.label,
				type: q.type,
				section: q.section,
				perSession: q.perSession,
				count: s.count,
				average: scale && s.count ? round(s.sum / s.count, 2) : null,
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

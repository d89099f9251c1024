/**
 * The satisfaction part of the report, from the survey area's `computeSurveyResults` (a fixed
 * number of statements). Only counts, averages and distributions reach the report: the free-text
 * answers stay here, for the organisers to pick verbatims from, and are never published as such.
 */
import type { DbOrTx } from '../db/index.ts';
import { computeSurveyResults } from '../surveys/survey-results.service.ts';
import type { ReportView } from './report.schema.ts';

export type SurveyResults = NonNullable<ReportView['satisfaction']>;

interface RatedQuestion {
	label: string;
	type: string;
	perSession: boolean;
	count: number;
	average: number | null | undefined;
}

const SATISFACTION = /satisf/i;

/**
 * The overall satisfaction, one number to compare editions: the average of the questions asked
 * once (not per session) whose label speaks of satisfaction (« Dans l’ensemble, êtes-vous
 * satisfait·e… ? »), or, when none does, of the survey's first such rating question. Per-session
 * ratings and the other themes (organisation, content, recommendation…) would make it a mix of
 * different questions from one survey to the next. On the 1–5 scale: the NEC template's and the
 * seeds' own (their reports say « 4,2 / 5 »); a 0–10 question is brought onto it linearly
 * (0 → 1, 10 → 5), so that two editions whose surveys differ still compare. Null without answer.
 */
export function overallSatisfaction(questions: RatedQuestion[]): number | null {
	const rated = questions.filter((q) => !q.perSession && (q.type === 'scale5' || q.type === 'scale10'));
	const named = rated.filter((q) => SATISFACTION.test(q.label));
	const chosen = (named.length ? named : rated.slice(0, 1)).filter((q) => q.count > 0 && typeof q.average === 'number');
	const n = chosen.reduce((a, q) => a + q.count, 0);
	if (n === 0) return null;
	const onFive = (q: RatedQuestion) => (q.type === 'scale10' ? 1 + (q.average as number) * 0.4 : (q.average as number));
	return Math.round((chosen.reduce((a, q) => a + onFive(q) * q.count, 0) / n) * 100) / 100;
}

/** The survey's aggregate results, or null when the event has no survey. */
export async function loadSatisfaction(db: DbOrTx, eventId: string): Promise<SurveyResults | null> {
	const results = await computeSurveyResults(db, eventId, {}, { texts: false });
	if (!results) return null;
	return {
		invited: results.invited,
		responses: results.responses,
		responseRate: results.invited ? results.responseRate : null,
		questions: results.questions
			.filter((q) => q.type !== 'text')
			.map((q) => ({ id: q.id, label: q.label, type: q.type, count: q.count, average: q.average ?? null, distribution: q.distribution })),
		sessions: results.sessions.map((s) => ({ id: s.id, title: s.title, count: s.count, average: s.average })),
		overall: overallSatisfaction(results.questions)
	};
}

/** The free-text answers organisers may pick verbatims from (distinct, in alphabetical order, at most 300). */
export async function loadFreeTextAnswers(db: DbOrTx, eventId: string): Promise<string[]> {
	const results = await computeSurveyResults(db, eventId);
	if (!results) return [];
	const texts = results.questions.filter((q) => q.type === 'text').flatMap((q) => q.texts ?? []);
	return [...new Set(texts.map((t) => t.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr')).slice(0, 300);
}

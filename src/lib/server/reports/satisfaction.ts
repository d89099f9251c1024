/**
 * The satisfaction part of the report, from the survey area's `computeSurveyResults` (a fixed
 * number of statements). Only counts, averages and distributions reach the report: the free-text
 * answers stay here, for the organisers to pick verbatims from, and are never published as such.
 */
import type { DbOrTx } from '../db/index.ts';
import { computeSurveyResults } from '../surveys/survey-results.service.ts';
import type { ReportView } from './report.schema.ts';

export type SurveyResults = NonNullable<ReportView['satisfaction']>;

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
		sessions: results.sessions.map((s) => ({ id: s.id, title: s.title, count: s.count, average: s.average }))
	};
}

/** The free-text answers organisers may pick verbatims from (distinct, in alphabetical order, at most 300). */
export async function loadFreeTextAnswers(db: DbOrTx, eventId: string): Promise<string[]> {
	const results = await computeSurveyResults(db, eventId);
	if (!results) return [];
	const texts = results.questions.filter((q) => q.type === 'text').flatMap((q) => q.texts ?? []);
	return [...new Set(texts.map((t) => t.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr')).slice(0, 300);
}

/**
 * The satisfaction part of the report comes from the survey area. Until the survey is merged
 * (branch `surveys`: `computeSurveyResults(db, eventId)`), there is no questionnaire: null, and
 * the report says so. Keeping the call here means wiring it in touches one file.
 */
import type { DbOrTx } from '../db/index.ts';
import type { ReportView } from './report.schema.ts';

export type SurveyResults = NonNullable<ReportView['satisfaction']>;

export async function loadSatisfaction(_db: DbOrTx, _eventId: string): Promise<SurveyResults | null> {
	return null;
}

/** The free-text answers organisers may pick verbatims from (none until the survey exists). */
export async function loadFreeTextAnswers(_db: DbOrTx, _eventId: string): Promise<string[]> {
	return [];
}

/**
 * What a speaker sees of the survey from their private link: the ratings and comments of their
 * own sessions, once the survey is closed and only when the organisers allowed it
 * (`survey.speakers_see`). Nothing else of the results.
 */
import type { ServiceContext } from '../events/event.service.ts';
import { toIso } from '../db/time.ts';
import { findSpeakerByTokenHash } from '../programme/programme.queries.ts';
import { hashInviteToken } from '../programme/speaker.service.ts';
import { NotFoundError } from '../validation.ts';
import { findSurveyByEvent } from './survey.queries.ts';
import { computeSurveyResults } from './survey-results.service.ts';

export interface SpeakerFeedback {
	sessions: { id: string; title: string; count: number; average: number | null; comments: string[] }[];
}

/** The feedback on the speaker's sessions, or null when not (yet) shown to speakers. NotFoundError for an unknown link. */
export async function getSpeakerFeedback(ctx: ServiceContext, token: string, now: Date = new Date()): Promise<SpeakerFeedback | null> {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('invitation');
	const speaker = await findSpeakerByTokenHash(ctx.db, hashInviteToken(token));
	if (!speaker) throw new NotFoundError('invitation');
	const survey = await findSurveyByEvent(ctx.db, speaker.event_id);
	if (!survey || Number(survey.speakers_see) !== 1) return null;
	if (!survey.closes_at || now.toISOString() < toIso(survey.closes_at)) return null;
	const own = await ctx.db.selectFrom('session_speaker').select('session_id').where('speaker_id', '=', speaker.id).execute();
	const ids = new Set(own.map((o) => o.session_id));
	const results = await computeSurveyResults(ctx.db, speaker.event_id);
	return { sessions: (results?.sessions ?? []).filter((s) => ids.has(s.id)) };
}

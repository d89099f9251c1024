/**
 * Pure rules of the survey: the default NEC template, whether a survey is open, and the check of
 * an answer against the survey's questions (every problem at once, as `field: message` issues).
 */
import { safeText } from '../registrations/registration.schema.ts';
import { ANSWER_TEXT_MAX, type SurveyQuestionInput, type SurveyQuestionType } from './survey.schema.ts';
import type { FieldIssue } from '../validation.ts';

/**
 * The default questionnaire, from the seeds' own (FIELD-NOTES, "Afterwards"): overall
 * satisfaction, organisation, content, time for informal exchange (their main complaint), coming
 * again, what to keep and what to improve, then a rating and a comment for each session attended.
 */
export function necTemplate(): SurveyQuestionInput[] {
	const q = (section: string, label: string, type: SurveyQuestionType, extra: Partial<SurveyQuestionInput> = {}): SurveyQuestionInput => ({
		section,
		label,
		type,
		options: [],
		required: false,
		perSession: false,
		...extra
	});
	return [
		q('Dans l’ensemble', 'Dans l’ensemble, êtes-vous satisfait·e de l’événement ?', 'scale5', { required: true }),
		q('', 'L’organisation (accueil, lieu, horaires, repas)', 'scale5'),
		q('', 'Le contenu (interventions, ateliers)', 'scale5'),
		q('', 'Le temps laissé aux échanges informels', 'scale5'),
		q('', 'Reviendriez-vous à la prochaine édition ?', 'yesno'),
		q('Vos suggestions', 'Qu’est-ce qu’il faut garder ?', 'text'),
		q('', 'Qu’est-ce qu’il faut améliorer ?', 'text'),
		q('Les séances que vous avez suivies', 'Votre note pour cette séance', 'scale5', { perSession: true }),
		q('', 'Un commentaire sur cette séance', 'text', { perSession: true })
	];
}

export type SurveyStatus = 'upcoming' | 'open' | 'closed';

/** Where a survey stands at `now`: before its opening, open, or closed. */
export function surveyStatus(opensAt: string | null, closesAt: string | null, now: Date): SurveyStatus {
	const t = now.toISOString();
	if (opensAt && t < opensAt) return 'upcoming';
	if (closesAt && t >= closesAt) return 'closed';
	return 'open';
}

export interface RuleQuestion {
	id: string;
	type: SurveyQuestionType;
	options: string[];
	required: boolean;
	perSession: boolean;
}

/** A checked value, as stored (JSON): a number, a boolean, a string or a list of strings. */
export type AnswerValue = number | boolean | string | string[];

export interface CheckedAnswer {
	questions: Map<string, AnswerValue>;
	/** Per session id: per question id. */
	sessions: Map<string, Map<string, AnswerValue>>;
}

const answerText = safeText(ANSWER_TEXT_MAX, { required: false, multiline: true });

/** Whether a value counts as "no answer" (absent, null, blank text, no option ticked). */
function isEmpty(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** One value against its question: the stored value, or the problem's i18n key and params. */
export function checkValue(q: RuleQuestion, v: unknown): { value: AnswerValue } | { issue: string; params?: Record<string, unknown> } {
	switch (q.type) {
		case 'scale5':
		case 'scale10': {
			const [min, max] = q.type === 'scale5' ? [1, 5] : [0, 10];
			if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
				return { issue: 'surveys.errors.scale', params: { min, max } };
			return { value: v };
		}
		case 'yesno':
			return typeof v === 'boolean' ? { value: v } : { issue: 'surveys.errors.yesno' };
		case 'single':
			return typeof v === 'string' && q.options.includes(v) ? { value: v } : { issue: 'errors.invalidChoice' };
		case 'multiple': {
			if (!Array.isArray(v) || !v.every((o) => typeof o === 'string' && q.options.includes(o))) return { issue: 'errors.invalidChoice' };
			return { value: q.options.filter((o) => v.includes(o)) };
		}
		case 'text': {
			const r = answerText.safeParse(v);
			if (r.success) return { value: r.data };
			const first = r.error.issues[0];
			if (first.code === 'too_big') return { issue: 'errors.tooLong', params: { max: ANSWER_TEXT_MAX } };
			if (first.code === 'invalid_type') return { issue: 'errors.invalidType' };
			return { issue: first.message };
		}
	}
}

/**
 * Checks an answer (`answers` by question id, `sessions` by session id) against the questions.
 * `rating` and `comment` in a session's entry name its first per-session scale and text
 * questions. Unknown questions or sessions, values of the wrong type or out of range, markup,
 * texts over ANSWER_TEXT_MAX and missing required answers are all reported.
 */
export function checkAnswer(
	questions: RuleQuestion[],
	sessionIds: Set<string>,
	input: { answers: Record<string, unknown>; sessions: Record<string, Record<string, unknown>> }
): { ok: true; answer: CheckedAnswer } | { ok: false; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const byId = new Map(questions.map((q) => [q.id, q]));
	const out: CheckedAnswer = { questions: new Map(), sessions: new Map() };
	for (const [id, v] of Object.entries(input.answers)) {
		const q = byId.get(id);
		if (!q || q.perSession) {
			issues.push({ field: `answers.${id}`, message: 'surveys.errors.unknownQuestion' });
			continue;
		}
		if (isEmpty(v)) continue;
		const r = checkValue(q, v);
		if ('issue' in r) issues.push({ field: `answers.${id}`, message: r.issue, params: r.params ?? {} });
		else out.questions.set(id, r.value);
	}
	for (const q of questions)
		if (q.required && !q.perSession && !out.questions.has(q.id) && !issues.some((i) => i.field === `answers.${q.id}`))
			issues.push({ field: `answers.${q.id}`, message: 'errors.required' });

	const perSession = questions.filter((q) => q.perSession);
	const rating = perSession.find((q) => q.type === 'scale5' || q.type === 'scale10');
	const comment = perSession.find((q) => q.type === 'text');
	for (const [sessionId, entry] of Object.entries(input.sessions)) {
		if (!sessionIds.has(sessionId)) {
			issues.push({ field: `sessions.${sessionId}`, message: 'surveys.errors.unknownSession' });
			continue;
		}
		const values = new Map<string, AnswerValue>();
		for (const [key, v] of Object.entries(entry)) {
			const q = key === 'rating' ? rating : key === 'comment' ? comment : perSession.find((p) => p.id === key);
			const field = `sessions.${sessionId}.${key}`;
			if (!q) {
				issues.push({ field, message: 'surveys.errors.unknownQuestion' });
				continue;
			}
			if (isEmpty(v)) continue;
			const r = checkValue(q, v);
			if ('issue' in r) issues.push({ field, message: r.issue, params: r.params ?? {} });
			else values.set(q.id, r.value);
		}
		if (values.size) out.sessions.set(sessionId, values);
	}
	if (issues.length) return { ok: false, issues };
	if (!out.questions.size && !out.sessions.size) return { ok: false, issues: [{ field: '_', message: 'surveys.errors.empty' }] };
	return { ok: true, answer: out };
}

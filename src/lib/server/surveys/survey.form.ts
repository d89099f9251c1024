/**
 * Form adapters of the survey: the participant's answer form (FormData ⇄ the API's answer shape,
 * its fields kept as typed for the draft and for a refused send) and the organisers' builder
 * (one form holding every question). Nothing is decided here: the services check everything.
 */
import type { FieldIssue } from '../validation.ts';
import type { DraftFields } from './survey-response.service.ts';
import type { SurveyQuestionView, SurveyView } from './survey.schema.ts';

export const answerField = (questionId: string) => `q_${questionId}`;
export const sessionField = (sessionId: string, questionId: string) => `s_${sessionId}_${questionId}`;

function formValue(q: SurveyQuestionView, raw: string | string[] | undefined): unknown {
	if (raw === undefined) return undefined;
	if (q.type === 'multiple') return Array.isArray(raw) ? raw : [raw];
	const v = Array.isArray(raw) ? raw[0] : raw;
	if (v === '') return undefined;
	if (q.type === 'scale5' || q.type === 'scale10') return /^\d{1,2}$/.test(v) ? Number(v) : v;
	if (q.type === 'yesno') return v === 'true' ? true : v === 'false' ? false : v;
	return v;
}

/** The fields of the answer form, as typed (a list for the checkboxes of a multiple choice). */
export function answerFields(form: FormData, survey: SurveyView): DraftFields {
	const multiple = new Set(survey.questions.filter((q) => q.type === 'multiple').map((q) => q.id));
	const fields: DraftFields = {};
	for (const key of new Set(form.keys())) {
		if (!/^(q|s)_[0-9a-f-]{36}(_[0-9a-f-]{36})?$/i.test(key)) continue;
		const questionId = key.slice(-36);
		const values = form.getAll(key).map(String);
		fields[key] = multiple.has(questionId) ? values : (values[0] ?? '');
	}
	return fields;
}

/** The answer in the API's shape, from the form's fields (only the sessions offered on the page). */
export function answerInput(fields: DraftFields, survey: SurveyView, sessionIds: string[]) {
	const answers: Record<string, unknown> = {};
	const sessions: Record<string, Record<string, unknown>> = {};
	for (const q of survey.questions) {
		if (!q.perSession) {
			const v = formValue(q, fields[answerField(q.id)]);
			if (v !== undefined) answers[q.id] = v;
			continue;
		}
		for (const s of sessionIds) {
			const v = formValue(q, fields[sessionField(s, q.id)]);
			if (v !== undefined) (sessions[s] ??= {})[q.id] = v;
		}
	}
	return { answers, sessions };
}

/** The service's fields (`answers.<id>`, `sessions.<sid>.<qid>`) as the form's. */
export function answerFormIssues(issues: FieldIssue[]): FieldIssue[] {
	return issues.map((i) => {
		const m = /^answers\.(.+)$/.exec(i.field);
		if (m) return { ...i, field: answerField(m[1]) };
		const s = /^sessions\.([^.]+)\.(.+)$/.exec(i.field);
		if (s) return { ...i, field: sessionField(s[1], s[2]) };
		return i;
	});
}

/** One question of the builder as the form shows it (and keeps it when a save is refused). */
export interface BuilderQuestion {
	key: string;
	id: string;
	order: string;
	section: string;
	label: string;
	type: string;
	options: string;
	required: boolean;
	perSession: boolean;
	remove: boolean;
}

export interface BuilderValues {
	title: string;
	intro: string;
	anonymous: boolean;
	opensAt: string;
	closesAt: string;
	speakersSee: boolean;
	questions: BuilderQuestion[];
	added: BuilderQuestion;
}

const str = (form: FormData, key: string) => String(form.get(key) ?? '');

function readQuestion(form: FormData, key: string): BuilderQuestion {
	return {
		key,
		id: str(form, `${key}_id`),
		order: str(form, `${key}_order`),
		section: str(form, `${key}_section`),
		label: str(form, `${key}_label`),
		type: str(form, `${key}_type`),
		options: str(form, `${key}_options`),
		required: form.has(`${key}_required`),
		perSession: form.has(`${key}_perSession`),
		remove: form.has(`${key}_remove`)
	};
}

/** The builder's form read back: what was typed, the service's input, and each input question's form key. */
export function readBuilderForm(form: FormData) {
	const count = Math.min(100, Math.max(0, Number(str(form, 'count')) || 0));
	const values: BuilderValues = {
		title: str(form, 'title'),
		intro: str(form, 'intro'),
		anonymous: form.has('anonymous'),
		opensAt: str(form, 'opensAt'),
		closesAt: str(form, 'closesAt'),
		speakersSee: form.has('speakersSee'),
		questions: Array.from({ length: count }, (_, i) => readQuestion(form, `q${i}`)),
		added: readQuestion(form, 'new')
	};
	const kept = values.questions
		.map((q, i) => ({ q, i }))
		.filter(({ q }) => !q.remove)
		.sort((a, b) => (Number(a.q.order) || a.i + 1) - (Number(b.q.order) || b.i + 1) || a.i - b.i)
		.map(({ q }) => q);
	if (values.added.label.trim()) kept.push(values.added);
	const input = {
		title: values.title,
		intro: values.intro,
		anonymous: values.anonymous,
		opensAt: values.opensAt.trim() || null,
		closesAt: values.closesAt.trim() || null,
		speakersSee: values.speakersSee,
		questions: kept.map((q) => ({
			...(q.id ? { id: q.id } : {}),
			section: q.section,
			label: q.label,
			type: q.type,
			options: q.options
				.split(/\r?\n/)
				.map((o) => o.trim())
				.filter(Boolean),
			required: q.required,
			perSession: q.perSession
		}))
	};
	return { values, input, keys: kept.map((q) => q.key) };
}

/** The service's fields (`questions.<i>.<field>`) as the builder form's (`q3_label`, `new_options`). */
export function builderFormIssues(issues: FieldIssue[], keys: string[]): FieldIssue[] {
	return issues.map((i) => {
		const m = /^questions\.(\d+)\.([a-zA-Z]+)/.exec(i.field);
		if (m && keys[Number(m[1])]) return { ...i, field: `${keys[Number(m[1])]}_${m[2]}` };
		return i;
	});
}

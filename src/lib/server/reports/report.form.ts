/**
 * Form adapters of the report's pages: FormData ⇄ service input, values kept as typed. The review
 * is typed one point per line, « thème : constat »; a synthesis as up to six sections, each a
 * title and its points one per line. Nothing is decided here: the services validate.
 */
import { ValidationError } from '../validation.ts';
import { REPORT_SECTIONS, type ReportSection } from './report.schema.ts';
import type { ReportChoices } from './report.data.ts';
import type { SynthesisView } from './synthesis.service.ts';

const str = (form: FormData, key: string) => String(form.get(key) ?? '');
const lines = (text: string) =>
	text
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);

export interface ReviewFormValues {
	toImprove: string;
	toKeep: string;
}

export const reviewFormOf = (review: ReportChoices['review']): ReviewFormValues => ({
	toImprove: review.toImprove.map((p) => `${p.theme} : ${p.text}`).join('\n'),
	toKeep: review.toKeep.map((p) => `${p.theme} : ${p.text}`).join('\n')
});

export function readReviewForm(form: FormData): ReviewFormValues {
	return { toImprove: str(form, 'toImprove'), toKeep: str(form, 'toKeep') };
}

/** « thème : constat » lines as review points; a line without « : » is an error on its field. */
export function reviewFormToInput(values: ReviewFormValues) {
	const issues: { field: string; message: string; params: Record<string, unknown> }[] = [];
	const parse = (field: 'toImprove' | 'toKeep') =>
		lines(values[field]).map((line, i) => {
			const at = line.indexOf(':');
			if (at <= 0) {
				issues.push({ field, message: 'reports.review.lineInvalid', params: { line: i + 1 } });
				return { theme: '', text: line };
			}
			return { theme: line.slice(0, at).trim(), text: line.slice(at + 1).trim() };
		});
	const input = { toImprove: parse('toImprove'), toKeep: parse('toKeep') };
	if (issues.length) throw new ValidationError(issues);
	return input;
}

/** The review's problems are reported per point (`toImprove.2.text`): the form shows them on its field. */
export function reviewFieldOf(field: string): string {
	return field.split('.')[0];
}

export interface SettingsFormValues {
	shown: ReportSection[];
	texts: Partial<Record<ReportSection, string>>;
	showPerSession: boolean;
	verbatims: string;
	picked: string[];
}

export function settingsFormOf(c: ReportChoices, answers: string[]): SettingsFormValues {
	const picked = c.verbatims.filter((v) => answers.includes(v));
	return {
		shown: REPORT_SECTIONS.filter((s) => !c.hiddenSections.includes(s)),
		texts: c.texts,
		showPerSession: c.showPerSession,
		verbatims: c.verbatims.filter((v) => !answers.includes(v)).join('\n'),
		picked
	};
}

export function readSettingsForm(form: FormData): SettingsFormValues {
	const shown = form.getAll('shown').map(String);
	return {
		shown: REPORT_SECTIONS.filter((s) => shown.includes(s)),
		texts: Object.fromEntries(REPORT_SECTIONS.map((s) => [s, str(form, `text-${s}`)])),
		showPerSession: form.has('showPerSession'),
		verbatims: str(form, 'verbatims'),
		picked: form.getAll('picked').map(String)
	};
}

export function settingsFormToInput(v: SettingsFormValues) {
	return {
		hiddenSections: REPORT_SECTIONS.filter((s) => !v.shown.includes(s)),
		texts: Object.fromEntries(Object.entries(v.texts).filter(([, text]) => text && text.trim())),
		showPerSession: v.showPerSession,
		verbatims: [...v.picked, ...lines(v.verbatims)]
	};
}

export const SYNTHESIS_ROWS = 6;

export interface SynthesisFormValues {
	titles: string[];
	points: string[];
	recordingUrl: string;
	/** The version the form was loaded from (hidden field; 0 before the first save). */
	version: string;
}

/** The stored synthesis in the form, with « Prérequis / Moyens / Actions » offered when empty. */
export function synthesisFormOf(s: SynthesisView, defaults: string[]): SynthesisFormValues {
	const titles = s.sections.length ? s.sections.map((x) => x.title) : defaults;
	const points = s.sections.map((x) => x.points.join('\n'));
	return {
		titles: Array.from({ length: SYNTHESIS_ROWS }, (_, i) => titles[i] ?? ''),
		points: Array.from({ length: SYNTHESIS_ROWS }, (_, i) => points[i] ?? ''),
		recordingUrl: s.recordingUrl ?? '',
		version: String(s.version)
	};
}

export function readSynthesisForm(form: FormData): SynthesisFormValues {
	return {
		titles: Array.from({ length: SYNTHESIS_ROWS }, (_, i) => str(form, `title${i}`)),
		points: Array.from({ length: SYNTHESIS_ROWS }, (_, i) => str(form, `points${i}`)),
		recordingUrl: str(form, 'recordingUrl'),
		version: str(form, 'version')
	};
}

/** Rows with neither title nor points are left out; a title without points is kept (the service refuses it). */
export function synthesisFormToInput(v: SynthesisFormValues) {
	const rows = v.titles.map((title, i) => ({ i, title: title.trim(), points: lines(v.points[i] ?? '') }));
	const kept = rows.filter((r) => r.points.length > 0);
	return { sections: kept.map((r) => ({ title: r.title, points: r.points })), recordingUrl: v.recordingUrl, rows: kept.map((r) => r.i) };
}

/** `sections.1.title` → the form's `title3` when the second kept row is the fourth one. */
export function synthesisFieldOf(field: string, rows: number[]): string {
	const m = /^sections\.(\d+)\.(title|points)/.exec(field);
	if (!m) return field;
	const row = rows[Number(m[1])] ?? 0;
	return m[2] === 'title' ? `title${row}` : `points${row}`;
}

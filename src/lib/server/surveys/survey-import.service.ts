/**
 * Import of answers collected elsewhere (a form tool's CSV export, e.g. LimeSurvey): the file is
 * read (UTF-8 or Windows-1252, `;` `,` or tab), its columns mapped by the organisers to the
 * survey's questions, each row checked like an answer sent from a private link, and every valid
 * row stored as an anonymous response (`source: import`) that counts in the results. Refused
 * rows are reported with their line and French reason; nothing of them is stored.
 */
import { parse } from 'csv-parse/sync';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { eventForPreparation } from '../planning/event-access.ts';
import { withTx } from '../tx.ts';
import { NotFoundError, ValidationError } from '../validation.ts';
import { checkAnswer } from './survey.rules.ts';
import { findSurveyByEvent, insertResponses, listSurveyQuestions, type ResponseToInsert } from './survey.queries.ts';
import { answerRows } from './survey-response.service.ts';
import { toQuestionView } from './survey.service.ts';

/** At most this many rows per file. */
export const IMPORT_MAX_ROWS = 10_000;

/** The file's text: UTF-8 when it is valid UTF-8, else Windows-1252 (what French Excel writes). */
export function decodeCsv(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** The rows of a CSV text (first row: headers); ValidationError on `file` when unreadable or empty. */
export function readCsvRows(text: string): string[][] {
	let rows: string[][];
	try {
		rows = parse(text, { delimiter: [';', ',', '\t'], skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
	} catch {
		throw new ValidationError([{ field: 'file', message: 'surveys.errors.importUnreadable' }]);
	}
	if (rows.length < 2) throw new ValidationError([{ field: 'file', message: 'surveys.errors.importEmpty' }]);
	if (rows.length > IMPORT_MAX_ROWS + 1)
		throw new ValidationError([{ field: 'file', message: 'errors.tooManyItems', params: { max: IMPORT_MAX_ROWS } }]);
	return rows;
}

const YES = new Set(['oui', 'yes', 'o', 'y', '1', 'true', 'vrai']);
const NO = new Set(['non', 'no', 'n', '0', 'false', 'faux']);

/** A cell as the value an answer would carry for this type (left as text when it does not fit: the check refuses it). */
export function cellValue(type: string, cell: string): unknown {
	const v = cell.trim();
	if (v === '') return undefined;
	if (type === 'scale5' || type === 'scale10') return /^-?\d+$/.test(v) ? Number(v) : v;
	if (type === 'yesno') {
		const low = v.toLowerCase();
		return YES.has(low) ? true : NO.has(low) ? false : v;
	}
	if (type === 'multiple')
		return v
			.split(/[;|]/)
			.map((o) => o.trim())
			.filter(Boolean);
	return v;
}

export interface SurveyImportReport {
	lines: number;
	imported: number;
	refused: { line: number; reason: string }[];
}

/**
 * Imports the rows of `text` with `mapping` (question id → column index). Questions asked per
 * session are not imported (a form tool's export does not say which session a rating is for).
 */
export async function importSurveyAnswers(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	text: string,
	mapping: Record<string, number>,
	lang: Lang = 'fr',
	now: Date = new Date()
): Promise<SurveyImportReport> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'edit');
	const survey = await findSurveyByEvent(ctx.db, event.id);
	if (!survey) throw new NotFoundError('survey');
	const questions = (await listSurveyQuestions(ctx.db, survey.id)).map(toQuestionView).filter((q) => !q.perSession);
	const rows = readCsvRows(text);
	const width = rows[0].length;
	const used = questions.filter((q) => mapping[q.id] !== undefined);
	if (!used.length) throw new ValidationError([{ field: 'mapping', message: 'surveys.errors.importNoMapping' }]);
	const badColumn = used.find((q) => !Number.isInteger(mapping[q.id]) || mapping[q.id] < 0 || mapping[q.id] >= width);
	if (badColumn) throw new ValidationError([{ field: `mapping.${badColumn.id}`, message: 'surveys.errors.importColumn' }]);

	const t = translator(lang);
	// Rows from elsewhere may skip questions that are required here: only the values are checked.
	const rules = questions.map((q) => ({ ...q, required: false }));
	const label = new Map(questions.map((q) => [q.id, q.label]));
	const report: SurveyImportReport = { lines: rows.length - 1, imported: 0, refused: [] };
	const toInsert: ResponseToInsert[] = [];
	rows.slice(1).forEach((row, i) => {
		const answers: Record<string, unknown> = {};
		for (const q of used) {
			const v = cellValue(q.type, row[mapping[q.id]] ?? '');
			if (v !== undefined) answers[q.id] = v;
		}
		const checked = checkAnswer(rules, new Set(), { answers, sessions: {} });
		if (!checked.ok) {
			const reason = checked.issues
				.map((issue) => {
					const id = issue.field.replace(/^answers\./, '');
					const message = t(issue.message, issue.params);
					return label.has(id) ? `« ${label.get(id)} » : ${message}` : message;
				})
				.join(' ; ');
			report.refused.push({ line: i + 2, reason });
			return;
		}
		toInsert.push({
			id: crypto.randomUUID(),
			surveyId: survey.id,
			registrationId: null,
			submittedOn: now.toISOString().slice(0, 10),
			source: 'import',
			role: null,
			structureType: null,
			answers: answerRows(checked.answer)
		});
	});
	await withTx(ctx.db, (tx) => insertResponses(tx, toInsert));
	report.imported = toInsert.length;
	return report;
}

/** The first step of an import: the file's columns (headers), its row count and its text, for the mapping form. */
export async function previewSurveyImport(ctx: ServiceContext, actor: Actor, slug: string, bytes: Uint8Array) {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'edit');
	const survey = await findSurveyByEvent(ctx.db, event.id);
	if (!survey) throw new NotFoundError('survey');
	const text = decodeCsv(bytes);
	const rows = readCsvRows(text);
	const questions = (await listSurveyQuestions(ctx.db, survey.id)).map(toQuestionView).filter((q) => !q.perSession);
	const headers = rows[0].map((h, i) => h || `#${i + 1}`);
	const guess = guessMapping(headers, questions);
	return { text, headers, lines: rows.length - 1, questions: questions.map((q) => ({ id: q.id, label: q.label })), guess };
}

/** A column named like a question is chosen for it in advance (-1: none). */
function guessMapping(headers: string[], questions: { id: string; label: string }[]): Record<string, number> {
	return Object.fromEntries(
		questions.map((q) => [q.id, headers.findIndex((h) => h.trim().toLowerCase() === q.label.trim().toLowerCase())])
	);
}

/**
 * Both steps at once, for the API: the file's bytes (UTF-8 or Windows-1252) imported with
 * `mapping`, or without one with the columns named like the questions (those of the preview).
 */
export async function importSurveyAnswersFile(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	bytes: Uint8Array,
	mapping: Record<string, number> | undefined,
	lang: Lang = 'fr'
): Promise<SurveyImportReport> {
	const text = decodeCsv(bytes);
	let chosen = mapping;
	if (!chosen) {
		const questions = await listImportableQuestions(ctx, actor, slug);
		const guess = guessMapping(readCsvRows(text)[0], questions);
		chosen = Object.fromEntries(Object.entries(guess).filter(([, column]) => column >= 0));
	}
	return importSurveyAnswers(ctx, actor, slug, text, chosen, lang);
}

/** The questions an import can fill (those asked once), for the first step's page. */
export async function listImportableQuestions(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'edit');
	const survey = await findSurveyByEvent(ctx.db, event.id);
	if (!survey) throw new NotFoundError('survey');
	return (await listSurveyQuestions(ctx.db, survey.id)).map(toQuestionView).filter((q) => !q.perSession);
}

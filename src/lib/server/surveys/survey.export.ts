/**
 * The survey's files: results per question and value (CSV or XLSX with the free answers and the
 * sessions on sheets of their own) and every answer, one row per response (CSV). An anonymous
 * survey's answers file has no identity column at all. Cells are escaped by `export-file.ts`
 * (CSV formulas) and by exceljs (XLSX); no text is ever interpreted.
 */
import type { Translate } from '../../i18n/index.ts';
import { tableFile, type ExportFile } from '../registrations/export-file.ts';
import type { CsvOptions } from '../csv.ts';
import { A4_FIT_TO_WIDTH, fitRowHeights, newWorkbook, sheetName } from '../spreadsheet.ts';
import type { SurveyQuestionView, SurveyResults } from './survey.schema.ts';

function valueLabel(type: string, key: string, t: Translate): string {
	if (type === 'yesno') return key === 'true' ? t('surveys.results.yes') : t('surveys.results.no');
	return key;
}

function resultRows(results: SurveyResults, t: Translate): unknown[][] {
	const rows: unknown[][] = [];
	for (const q of results.questions) {
		const type = t(`surveys.types.${q.type}`);
		if (q.type === 'text') {
			rows.push([q.section, q.label, type, '', q.count, '']);
			continue;
		}
		for (const [key, n] of Object.entries(q.distribution)) rows.push([q.section, q.label, type, valueLabel(q.type, key, t), n, '']);
		if (q.average !== null) rows.push([q.section, q.label, type, t('surveys.export.average'), q.count, q.average]);
	}
	return rows;
}

const RESULT_HEADERS = (t: Translate) => ['section', 'question', 'type', 'value', 'count', 'average'].map((k) => t(`surveys.export.${k}`));

/** Results per question and value (CSV, French conventions). */
export function resultsCsv(results: SurveyResults, basename: string, t: Translate, csv?: CsvOptions): Promise<ExportFile> {
	return tableFile('csv', 'Résultats', RESULT_HEADERS(t), resultRows(results, t), basename, csv);
}

/** Results (XLSX): the table, the free answers, the sessions. */
export async function resultsXlsx(results: SurveyResults, basename: string, t: Translate): Promise<ExportFile> {
	const wb = await newWorkbook();
	const sheet = (name: string, headers: string[], rows: unknown[][]) => {
		const ws = wb.addWorksheet(sheetName(name), { pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape' } });
		ws.addRow(headers).font = { bold: true };
		for (const r of rows) ws.addRow(r);
		ws.views = [{ state: 'frozen', ySplit: 1 }];
		ws.columns.forEach((c, i) => (c.width = i === 1 || i === headers.length - 1 ? 50 : 16));
		fitRowHeights(ws);
	};
	sheet(t('surveys.results.title'), RESULT_HEADERS(t), resultRows(results, t));
	sheet(
		t('surveys.results.texts'),
		[t('surveys.export.question'), t('surveys.export.value')],
		results.questions.flatMap((q) => q.texts.map((text) => [q.label, text]))
	);
	sheet(
		t('surveys.results.sessions'),
		[t('surveys.export.session'), t('surveys.export.count'), t('surveys.export.average'), t('surveys.results.comments')],
		results.sessions.map((s) => [s.title, s.count, s.average ?? '', s.comments.join('\n')])
	);
	const body = Buffer.from(await wb.xlsx.writeBuffer());
	return { filename: `${basename}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}

export interface ResponseForExport {
	id: string;
	submittedOn: string;
	source: string;
	person: { firstName: string; lastName: string; email: string | null; structure: string; role: string; structureType: string } | null;
	answers: { questionId: string; sessionKey: string; value: unknown }[];
}

function cell(v: unknown): string {
	if (v === undefined || v === null) return '';
	if (Array.isArray(v)) return v.join(' ; ');
	if (typeof v === 'boolean') return v ? 'oui' : 'non';
	return String(v);
}

/**
 * Every answer, one row per response: a column per question; a per-session question's column
 * holds « séance : valeur » for each session rated. Named surveys add who answered.
 */
export function answersCsv(
	questions: SurveyQuestionView[],
	sessionTitles: Map<string, string>,
	responses: ResponseForExport[],
	anonymous: boolean,
	basename: string,
	t: Translate,
	csv?: CsvOptions
): Promise<ExportFile> {
	const identity = anonymous ? [] : ['firstName', 'lastName', 'email', 'structure', 'role', 'structureType'];
	const headers = [
		t('surveys.export.response'),
		t('surveys.export.date'),
		t('surveys.export.source'),
		...identity.map((k) => t(`surveys.export.${k}`)),
		...questions.map((q) => q.label)
	];
	const rows = responses.map((r, i) => {
		const byQuestion = new Map<string, string[]>();
		for (const a of r.answers) {
			const text = a.sessionKey ? `${sessionTitles.get(a.sessionKey) ?? a.sessionKey} : ${cell(a.value)}` : cell(a.value);
			byQuestion.set(a.questionId, [...(byQuestion.get(a.questionId) ?? []), text]);
		}
		const p = r.person;
		const who = anonymous
			? []
			: p
				? [p.firstName, p.lastName, p.email ?? '', p.structure, p.role, p.structureType]
				: identity.map(() => '');
		return [i + 1, r.submittedOn, r.source, ...who, ...questions.map((q) => (byQuestion.get(q.id) ?? []).join(' | '))];
	});
	return tableFile('csv', 'Réponses', headers, rows, basename, csv);
}

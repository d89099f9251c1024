/**
 * The schema's CSV, both ways: reading a file sent by someone (UTF-8 or Windows-1252, `,` as the
 * schema says, `;` or tab as spreadsheets write it) into rows keyed by column name, and writing
 * places in the schema's exact columns and order.
 */
import { parse } from 'csv-parse/sync';
import { OPEN_DATA, writeCsv, type CsvOptions } from '../csv.ts';
import { SCHEMA_FIELDS, type SchemaRow } from './lieux-schema.ts';
import type { FieldIssue } from '../validation.ts';

/** Text of a file: UTF-8 when it decodes as such (BOM dropped), else Windows-1252 (Excel's "CSV"). */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

export interface ParsedCsv {
	/** Rows with their line number in the file (the header is line 1). */
	rows: { line: number; values: Record<string, string>; columnCount: number }[];
	columns: string[];
	unknownColumns: string[];
	delimiter: string;
}

/** The delimiter of the header line: the one of `,` `;` tab it holds most of. */
function detectDelimiter(text: string): string {
	const header = text.slice(0, text.search(/\r?\n|$/u));
	const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
	counts.sort((a, b) => b[1] - a[1]);
	return counts[0][1] > 1 ? counts[0][0] : ',';
}

/**
 * Parses the CSV; a file that cannot be read as a table (no header, required columns missing,
 * unbalanced quotes) gives file-level issues (field `_` or the column), nothing is imported.
 */
export function parseSchemaCsv(text: string): { csv: ParsedCsv } | { issues: FieldIssue[] } {
	const delimiter = detectDelimiter(text);
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, {
			delimiter,
			bom: true,
			relax_column_count: true,
			skip_empty_lines: true,
			relax_quotes: true,
			info: true
		}) as unknown as typeof records;
	} catch (e) {
		return {
			issues: [
				{ field: '_', message: 'directory.errors.unreadableCsv', params: { detail: e instanceof Error ? e.message.slice(0, 200) : '' } }
			]
		};
	}
	if (records.length === 0) return { issues: [{ field: '_', message: 'directory.errors.emptyCsv' }] };
	const columns = records[0].record.map((c) => c.trim());
	const known = new Set<string>(SCHEMA_FIELDS);
	const missing = ['id', 'pivot', 'nom', 'commune', 'code_postal', 'adresse', 'date_maj'].filter((c) => !columns.includes(c));
	if (missing.length)
		return {
			issues: missing.map((field) => ({
				field,
				message: 'directory.errors.missingColumn',
				params: { column: field, delimiter: delimiter === '\t' ? 'tab' : delimiter }
			}))
		};
	const rows = records.slice(1).map(({ record, info }) => {
		const values: Record<string, string> = {};
		columns.forEach((c, j) => {
			if (known.has(c) && record[j] !== undefined) values[c] = record[j];
		});
		return { line: info.lines, values, columnCount: record.length };
	});
	return { csv: { rows, columns, unknownColumns: columns.filter((c) => c && !known.has(c)), delimiter } };
}

/**
 * Places as the schema's CSV: its columns in its order, lists joined by `|`, by default `,` and
 * UTF-8 without BOM as the schema asks; values written exactly (no formula guard: open data).
 */
export function writeSchemaCsv(rows: SchemaRow[], options: CsvOptions = OPEN_DATA): string {
	return writeCsv(
		SCHEMA_FIELDS,
		rows.map((r) => SCHEMA_FIELDS.map((f) => r[f] ?? '')),
		options,
		{ formulaGuard: false }
	);
}

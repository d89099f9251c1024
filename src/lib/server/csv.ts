/**
 * The one CSV writer of the app: every CSV export (participants, workshop lists, attendance record,
 * budget lines, programme, survey results and answers, report data, places, open data) goes through
 * `writeCsv`, so that each offers the same choices and keeps the same guarantees: CRLF line ends,
 * quoting by csv-stringify, and cells a spreadsheet would run as a formula made inert.
 *
 * Choices, read from the query string by `csvOptionsFrom` (one zod schema, shared by the pages and
 * the API): `separator` = `semicolon` (what French spreadsheet software opens without an import
 * dialog), `comma` (open data, RFC 4180) or `tab`; `encoding` = `utf-8-bom` (the byte-order mark
 * makes Excel read UTF-8) or `utf-8` (without it, for scripts). Each export has its own default.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { parseOrThrow } from './validation.ts';

export const CSV_SEPARATORS = { semicolon: ';', comma: ',', tab: '\t' } as const;
export type CsvSeparator = keyof typeof CSV_SEPARATORS;
export const CSV_ENCODINGS = ['utf-8-bom', 'utf-8'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export interface CsvOptions {
	separator: CsvSeparator;
	encoding: CsvEncoding;
}

/** French spreadsheets: semicolons and a BOM. */
export const FRENCH_SPREADSHEET: CsvOptions = { separator: 'semicolon', encoding: 'utf-8-bom' };
/** Open data: commas, UTF-8 without BOM. */
export const OPEN_DATA: CsvOptions = { separator: 'comma', encoding: 'utf-8' };

/** The query parameters of a CSV export; absent ones take the export's default. */
export const csvOptionsSchema = z
	.object({
		separator: z.enum(Object.keys(CSV_SEPARATORS) as [CsvSeparator, ...CsvSeparator[]]).optional(),
		encoding: z.enum(CSV_ENCODINGS).optional()
	})
	.meta({ id: 'CsvOptions' });

/**
 * The CSV choices of a request (`?separator=…&encoding=…`), over the export's defaults; other
 * parameters are left to the caller. An unknown value is a ValidationError (422, in French).
 */
export function csvOptionsFrom(params: URLSearchParams, defaults: CsvOptions = FRENCH_SPREADSHEET): CsvOptions {
	const asked = parseOrThrow(csvOptionsSchema, {
		separator: params.get('separator') ?? undefined,
		encoding: params.get('encoding') ?? undefined
	});
	return { separator: asked.separator ?? defaults.separator, encoding: asked.encoding ?? defaults.encoding };
}

/** `=SUM(…)`, `+33…`, `-1`, `@x` and tab/CR-led text is run as a formula by spreadsheets: make it text. */
export function inertCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A number written with a fixed count of decimals (amounts: `new CsvDecimal(cents / 100, 2)`). */
export class CsvDecimal {
	readonly value: number;
	readonly digits: number;
	constructor(value: number, digits: number) {
		this.value = value;
		this.digits = digits;
	}
}

/**
 * A cell: null and undefined are empty; numbers are written as numbers (never made inert), with a
 * decimal comma unless commas separate the cells (French spreadsheets read "12,5" as a number).
 */
function cell(value: unknown, decimalComma: boolean, guard: boolean): string {
	if (value === null || value === undefined) return '';
	const mark = (text: string) => (decimalComma ? text.replace('.', ',') : text);
	if (value instanceof CsvDecimal) return mark(value.value.toFixed(value.digits));
	if (typeof value === 'number' || typeof value === 'bigint') return mark(String(value));
	return guard ? inertCell(String(value)) : String(value);
}

/**
 * The file's text: a header row then the rows, CRLF after each (the last one included), with the
 * BOM when asked. Numbers stay numbers; every text cell is defused (see `inertCell`), except in
 * open data read by programs (`formulaGuard: false`), whose values must stay exactly as published
 * (a telephone number "+33…" in the national places schema).
 */
export function writeCsv(
	header: readonly string[],
	rows: readonly (readonly unknown[])[],
	options: CsvOptions,
	{ formulaGuard = true }: { formulaGuard?: boolean } = {}
): string {
	const decimalComma = options.separator !== 'comma';
	const text = stringify(
		[header.map((h) => cell(h, false, formulaGuard)), ...rows.map((r) => r.map((v) => cell(v, decimalComma, formulaGuard)))],
		{
			delimiter: CSV_SEPARATORS[options.separator],
			record_delimiter: '\r\n'
		}
	);
	return options.encoding === 'utf-8-bom' ? `\uFEFF${text}` : text;
}

/** The `Content-Type` of every CSV answer. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Documentation of the two query parameters, for the OpenAPI parts of the areas with a CSV export. */
export const csvQueryParameters = (defaults: CsvOptions) => [
	{
		name: 'separator',
		in: 'query',
		required: false,
		description: `Séparateur : « semicolon » (;, tableurs en français), « comma » (,, données ouvertes) ou « tab » ; par défaut ${defaults.separator}`,
		schema: { type: 'string', enum: Object.keys(CSV_SEPARATORS), default: defaults.separator }
	},
	{
		name: 'encoding',
		in: 'query',
		required: false,
		description: `UTF-8 avec marque d’ordre (« utf-8-bom », lu par Excel) ou sans (« utf-8 ») ; par défaut ${defaults.encoding}`,
		schema: { type: 'string', enum: [...CSV_ENCODINGS], default: defaults.encoding }
	}
];

// The shared CSV writer read back by consumers that are not ours: csv-parse (a real RFC 4180
// parser) for each separator and encoding, and LibreOffice Calc (Debian's, headless), which
// opens the file as a French spreadsheet user would and saves it as XLSX, read with exceljs.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_SEPARATORS, CsvDecimal, csvOptionsFrom, OPEN_DATA, writeCsv, type CsvOptions, type CsvSeparator } from './csv.ts';
import { ValidationError } from './validation.ts';

const run = promisify(execFile);
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';
const HEADER = ['Titre', 'Montant (€)', 'Places', 'Note'];
const ROWS: unknown[][] = [
	[NASTY, new CsvDecimal(123_456 / 100, 2), 12, 'ligne 1\nligne 2 ; avec "guillemets", virgule\tet tabulation'],
	['=HYPERLINK("http://x")', new CsvDecimal(-5, 2), null, '+33 5 55 00 00 00'],
	['', new CsvDecimal(0.1, 2), 0, undefined]
];
const ALL: CsvOptions[] = (Object.keys(CSV_SEPARATORS) as CsvSeparator[]).flatMap((separator) =>
	(['utf-8-bom', 'utf-8'] as const).map((encoding) => ({ separator, encoding }))
);

function parseBack(text: string, options: CsvOptions): string[][] {
	return parse(text, { delimiter: CSV_SEPARATORS[options.separator], bom: true, record_delimiter: '\r\n' });
}

describe('writeCsv', () => {
	it.each(ALL)('test_every_cell_comes_back_from_csv_parse_with_$separator_$encoding', (options) => {
		const text = writeCsv(HEADER, ROWS, options);
		expect(text.startsWith('\uFEFF')).toBe(options.encoding === 'utf-8-bom');
		expect(text.endsWith('\r\n')).toBe(true);
		const decimal = options.separator === 'comma' ? '.' : ',';
		expect(parseBack(text, options)).toEqual([
			HEADER,
			[NASTY, `1234${decimal}56`, '12', 'ligne 1\nligne 2 ; avec "guillemets", virgule\tet tabulation'],
			[`'=HYPERLINK("http://x")`, `-5${decimal}00`, '', `'+33 5 55 00 00 00`],
			['', `0${decimal}10`, '0', '']
		]);
	});

	it('test_open_data_keeps_values_exact_without_the_formula_guard', () => {
		const text = writeCsv(['telephone'], [['+33 5 55 00 00 00']], OPEN_DATA, { formulaGuard: false });
		expect(text).toBe('telephone\r\n+33 5 55 00 00 00\r\n');
	});

	it('test_options_come_from_the_query_string_over_the_exports_default', () => {
		expect(csvOptionsFrom(new URLSearchParams(''))).toEqual({ separator: 'semicolon', encoding: 'utf-8-bom' });
		expect(csvOptionsFrom(new URLSearchParams(''), OPEN_DATA)).toEqual({ separator: 'comma', encoding: 'utf-8' });
		expect(csvOptionsFrom(new URLSearchParams('separator=tab&encoding=utf-8&format=csv'))).toEqual({
			separator: 'tab',
			encoding: 'utf-8'
		});
		try {
			csvOptionsFrom(new URLSearchParams('separator=pipe'));
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).issues).toEqual([{ field: 'separator', message: 'errors.invalidChoice', params: {} }]);
		}
	});
});

describe('writeCsv read by LibreOffice', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'maillage-csv-lo-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	// LibreOffice's CSV filter options: separator code, quote (34), character set (76 = UTF-8),
	// first line (1), column formats (none), language (1036 = French: decimal comma).
	const FILTER: Record<CsvSeparator, string> = { semicolon: '59', comma: '44', tab: '9' };

	it('test_libreoffice_opens_french_and_open_data_csv_with_the_same_cells_and_numbers', async () => {
		// The two conventions the exports default to, and the comma an organiser may choose on an
		// export screen (the BOM kept: Excel needs it); tab is read back by csv-parse above.
		const files: CsvOptions[] = [
			{ separator: 'semicolon', encoding: 'utf-8-bom' },
			OPEN_DATA,
			{ separator: 'comma', encoding: 'utf-8-bom' }
		];
		for (const [i, options] of files.entries()) await writeFile(path.join(dir, `f${i}.csv`), writeCsv(HEADER, ROWS, options));
		// One LibreOffice start per filter (it is slow to start): each converts its files to XLSX.
		for (const separator of new Set(files.map((f) => f.separator))) {
			const mine = files.flatMap((f, i) => (f.separator === separator ? [path.join(dir, `f${i}.csv`)] : []));
			const language = separator === 'comma' ? '1033' : '1036';
			await run(
				'soffice',
				[
					'--headless',
					'--norestore',
					`-env:UserInstallation=file://${dir}/lo`,
					`--infilter=Text - txt - csv (StarCalc):${FILTER[separator]},34,76,1,,${language}`,
					'--convert-to',
					'xlsx',
					'--outdir',
					dir,
					...mine
				],
				{ timeout: 120_000 }
			);
		}
		for (const [i] of files.entries()) {
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((await readFile(path.join(dir, `f${i}.xlsx`))).buffer as ArrayBuffer);
			const ws = wb.worksheets[0];
			const value = (r: number, c: number) => ws.getRow(r).getCell(c).value;
			expect(value(1, 1), JSON.stringify(files[i])).toBe('Titre');
			expect(value(2, 1)).toBe(NASTY);
			expect(value(2, 2)).toBe(1234.56);
			expect(value(2, 3)).toBe(12);
			expect(value(2, 4)).toBe('ligne 1\nligne 2 ; avec "guillemets", virgule\tet tabulation');
			expect(value(3, 1)).toBe(`'=HYPERLINK("http://x")`);
			expect(value(3, 2)).toBe(-5);
			expect(value(4, 2)).toBe(0.1);
			expect(ws.rowCount).toBe(4);
		}
	}, 240_000);
});

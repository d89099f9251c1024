/** Tables as files organisers open in a spreadsheet: CSV (French conventions) or XLSX. Pure. */
import { CSV_CONTENT_TYPE, FRENCH_SPREADSHEET, writeCsv, type CsvOptions } from '../csv.ts';
import { A4_FIT_TO_WIDTH, fitRowHeights, newWorkbook, sheetName } from '../spreadsheet.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
	filename: string;
	contentType: string;
	body: Buffer;
}

export async function tableFile(
	format: ExportFormat,
	sheet: string,
	headers: string[],
	rows: unknown[][],
	basename: string,
	csv: CsvOptions = FRENCH_SPREADSHEET
): Promise<ExportFile> {
	if (format === 'csv')
		return { filename: `${basename}.csv`, contentType: CSV_CONTENT_TYPE, body: Buffer.from(writeCsv(headers, rows, csv), 'utf8') };
	const wb = await newWorkbook();
	// A session's title names the workshop lists' sheet: Excel forbids some of its characters.
	const ws = wb.addWorksheet(sheetName(sheet), { pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape' } });
	ws.addRow(headers).font = { bold: true };
	for (const r of rows) ws.addRow(r.map((v) => (v === null || v === undefined ? '' : v)));
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	// Each column as wide as its longest line (10 to 50 characters); longer texts wrap.
	const longest = (i: number) =>
		Math.max(
			headers[i].length,
			...rows.map((r) =>
				Math.max(
					0,
					...String(r[i] ?? '')
						.split('\n')
						.map((l) => [...l].length)
				)
			)
		);
	ws.columns.forEach((c, i) => (c.width = Math.min(50, Math.max(10, longest(i) + 2))));
	fitRowHeights(ws);
	const body = Buffer.from(await wb.xlsx.writeBuffer());
	return { filename: `${basename}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}

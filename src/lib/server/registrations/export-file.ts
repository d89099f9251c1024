/** Tables as files organisers open in a spreadsheet: CSV (French conventions) or XLSX. Pure. */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { A4_FIT_TO_WIDTH, sheetName } from '../spreadsheet.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportFile {
	filename: string;
	contentType: string;
	body: Buffer;
}

/** A cell a spreadsheet will not run: text starting with = + - @ gets a leading apostrophe (CSV only). */
function csvCell(value: unknown): string {
	const s = value === null || value === undefined ? '' : String(value);
	return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export async function tableFile(
	format: ExportFormat,
	sheet: string,
	headers: string[],
	rows: unknown[][],
	basename: string
): Promise<ExportFile> {
	if (format === 'csv') {
		// Semicolons and a BOM: what French spreadsheet software opens without an import dialog.
		const body = stringify([headers, ...rows.map((r) => r.map(csvCell))], { delimiter: ';', bom: true, record_delimiter: 'windows' });
		return { filename: `${basename}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(body, 'utf8') };
	}
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Maillage';
	// A session's title names the workshop lists' sheet: Excel forbids some of its characters.
	const ws = wb.addWorksheet(sheetName(sheet), { pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape' } });
	ws.addRow(headers).font = { bold: true };
	for (const r of rows) ws.addRow(r.map((v) => (v === null || v === undefined ? '' : v)));
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	ws.columns.forEach((c, i) => (c.width = Math.min(50, Math.max(10, headers[i].length + 2))));
	const body = Buffer.from(await wb.xlsx.writeBuffer());
	return { filename: `${basename}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}

/**
 * What every XLSX workbook of the app shares, whichever area writes it with exceljs: sheet names
 * that Excel accepts, and the page setup of a sheet printed on A4.
 */
import type ExcelJS from 'exceljs';

/**
 * A new workbook. exceljs (some 35 MB resident with its dependencies) is loaded on the first
 * export, not at start: most processes never write one.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
	const { default: excel } = await import('exceljs');
	const wb = new excel.Workbook();
	wb.creator = 'Maillage';
	return wb;
}

/**
 * A sheet name Excel and LibreOffice accept, from any title: `: \ / ? * [ ]` become spaces (Excel
 * refuses them, and exceljs throws), no apostrophe at either end, at most 31 UTF-16 units without
 * cutting a character (an emoji) in two; "Feuille" when nothing is left.
 */
export function sheetName(title: string): string {
	const cleaned = title
		.replace(/[:\\/?*[\]]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^'+|'+$/g, '')
		.trim();
	let out = '';
	for (const char of cleaned) {
		if (out.length + char.length > 31) break;
		out += char;
	}
	out = out.trim().replace(/'+$/, '');
	return out || 'Feuille';
}

/** A4, fitted to the page's width (as many pages down as needed). */
export const A4_FIT_TO_WIDTH: Partial<ExcelJS.PageSetup> = {
	paperSize: 9,
	fitToPage: true,
	fitToWidth: 1,
	fitToHeight: 0
};

/** How many character widths a text takes in a cell: wide characters (emoji, CJK) count twice. */
function textWidth(text: string): number {
	let n = 0;
	for (const ch of text) n += ch.codePointAt(0)! > 0x2fff ? 2 : 1;
	return n;
}

/** Lines a text needs in a column of `width` characters, wrapping at spaces as spreadsheets do. */
export function wrappedLines(text: string, width: number): number {
	const usable = Math.max(1, Math.floor(width) - 1);
	let lines = 0;
	for (const paragraph of text.split(/\r?\n/)) {
		let line = 0;
		let count = 1;
		for (const word of paragraph.split(' ')) {
			const w = textWidth(word);
			if (line > 0 && line + 1 + w > usable) {
				count++;
				line = 0;
			}
			// A word longer than the column is broken where it reaches the edge.
			line += (line > 0 ? 1 : 0) + w;
			while (line > usable) {
				count++;
				line -= usable;
			}
		}
		lines += count;
	}
	return lines;
}

/**
 * Wraps every text cell from row `from` on and gives each row the height its longest cell needs,
 * so that LibreOffice and Excel show multi-line cells whole on screen and on paper (neither sizes
 * a row by itself when it opens a file: a row keeps one line's height and cuts the rest). Widths
 * are in characters of the default font, as exceljs's column widths; a merged cell counts the
 * width of every column it spans. Run it once the columns have their widths.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, from = 1): void {
	const widthOf = (c: number) => ws.getColumn(c).width ?? 9;
	ws.eachRow((row, rowNumber) => {
		if (rowNumber < from) return;
		let lines = 1;
		let size = 11;
		row.eachCell((cell, c) => {
			if (cell.isMerged && cell.master !== cell) return;
			const value = cell.value;
			if (typeof value !== 'string' && !(value && typeof value === 'object' && 'richText' in value)) return;
			const text = typeof value === 'string' ? value : value.richText.map((r) => r.text).join('');
			let width = widthOf(c);
			if (cell.isMerged)
				for (let next = c + 1; row.getCell(next).isMerged && row.getCell(next).master === cell; next++) width += widthOf(next);
			const font = cell.font ?? {};
			const scale = ((font.size ?? 11) / 11) * (font.bold ? 1.1 : 1);
			const indent = cell.alignment?.indent ?? 0;
			size = Math.max(size, font.size ?? 11);
			cell.alignment = { ...cell.alignment, wrapText: true, vertical: cell.alignment?.vertical ?? 'top' };
			lines = Math.max(lines, wrappedLines(text, (width - indent * 1.5) / scale));
		});
		// Calc's and Excel's default line: 15 points for an 11-point font, plus a little margin.
		if (lines > 1 || size > 11) row.height = Math.ceil(lines * 15 * (size / 11) + 2);
	});
}

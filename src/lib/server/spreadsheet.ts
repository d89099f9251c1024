/**
 * What every XLSX workbook of the app shares, whichever area writes it with exceljs: sheet names
 * that Excel accepts, and the page setup of a sheet printed on A4.
 */
import type ExcelJS from 'exceljs';

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

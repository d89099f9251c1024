/**
 * The budget's exports, always in French like the forms they follow: the planned budget laid out
 * like the Cerfa 12156 budget table (charges beside produits, class by class, then the
 * contributions in kind 86/87 and the totals), the financial report like the Cerfa 15059
 * (planned, actual and their ratio), and a CSV of every line. Amounts leave as cents / 100.
 */
import type ExcelJS from 'exceljs';
import { A4_FIT_TO_WIDTH, fitRowHeights, newWorkbook } from '../spreadsheet.ts';
import { CsvDecimal, FRENCH_SPREADSHEET, writeCsv, type CsvOptions } from '../csv.ts';
import { translator } from '../../i18n/index.ts';
import { formatRange } from '../../time.ts';
import { FUNDERS, OWN_FUNDS, type Funder } from './budget.accounts.ts';
import type { BudgetLineView, BudgetView, ClassGroup } from './budget.service.ts';
import { centsToEuroNumber, formatEuros } from './money.ts';
import { formatHundredths } from '../planning/decimal.ts';

const t = translator('fr');
const EUROS = '#,##0.00 "€"';
const PERCENT = '0%';

export interface ExportEvent {
	title: string;
	slug: string;
	startsAt: string;
	endsAt: string;
}

/** "604 – Achats d’études et de prestations de services". */
export function accountName(account: string): string {
	return account === OWN_FUNDS ? t(`budget.accounts.${OWN_FUNDS}`) : `${account} – ${t(`budget.accounts.${account}`)}`;
}

/** How a line reads under its class: its account (when a sub-account), its funder, its label. */
export function lineText(line: BudgetLineView): string {
	const parts: string[] = [];
	if (line.account.length === 3) parts.push(accountName(line.account));
	if (line.funder) parts.push(t(`budget.funders.${line.funder as Funder}`));
	if (line.staff) {
		const days = formatHundredths(line.staff.plannedDaysX100, { trimZeros: true });
		parts.push(`${line.label} (${t('budget.export.staffDetail', { days, cost: formatEuros(line.staff.dailyCostCents) })})`);
	} else if (line.label) parts.push(line.label);
	return parts.join(' — ') || accountName(line.account);
}

/** A row of one side; `children` (indexes in the same side) makes its amounts a SUM of theirs in the workbook. */
type Row = { text: string; planned: number | null; actual: number | null; bold?: boolean; indent?: number; children?: number[] };

/**
 * A side of the table, class by class. Operating subsidies (74) list every funder of the Cerfa
 * (État, région, département, EPCI, commune, fonds européens, autres) with its own lines under it.
 */
function sideRows(groups: ClassGroup[]): Row[] {
	const rows: Row[] = [];
	const push = (r: Row) => rows.push(r) - 1;
	for (const g of groups) {
		const head = push({ text: accountName(g.code), planned: g.plannedCents, actual: g.actualCents, bold: true, children: [] });
		if (g.code !== '74') {
			for (const l of g.lines)
				rows[head].children!.push(push({ text: lineText(l), planned: l.plannedCents, actual: l.actualCents, indent: 2 }));
			continue;
		}
		for (const f of FUNDERS) {
			const lines = g.lines.filter((l) => (l.funder ?? 'other') === f);
			const sum = (k: 'plannedCents' | 'actualCents') => lines.reduce((a, l) => a + l[k], 0);
			const funder = push({
				text: t(`budget.funders.${f}`),
				planned: sum('plannedCents'),
				actual: sum('actualCents'),
				indent: 2,
				children: []
			});
			rows[head].children!.push(funder);
			for (const l of lines)
				rows[funder].children!.push(
					push({ text: l.label || t(`budget.funders.${f}`), planned: l.plannedCents, actual: l.actualCents, indent: 4 })
				);
		}
	}
	return rows;
}

/** The column letter of a 1-based column number (the sheets stop at H). */
const col = (c: number) => String.fromCharCode(64 + c);

/** A formula with its cached result, so that a reader that does not recompute still shows the amount. */
const formula = (text: string, result: number | string | null) =>
	({ formula: text, result: result ?? undefined }) as ExcelJS.CellFormulaValue;

/** `SUM(B7,B9:B11)` of the given rows of column `c`, consecutive rows as ranges. */
function sumOf(c: number, rowNumbers: number[]): string {
	const parts: string[] = [];
	const sorted = [...rowNumbers].sort((a, b) => a - b);
	for (let i = 0; i < sorted.length;) {
		let j = i;
		while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
		parts.push(i === j ? `${col(c)}${sorted[i]}` : `${col(c)}${sorted[i]}:${col(c)}${sorted[j]}`);
		i = j + 1;
	}
	return parts.length ? `SUM(${parts.join(',')})` : '0';
}

function header(ws: ExcelJS.Worksheet, title: string, note: string, event: ExportEvent, lastCol: string): void {
	ws.mergeCells(`A1:${lastCol}1`);
	ws.getCell('A1').value = title;
	ws.getCell('A1').font = { bold: true, size: 14 };
	ws.mergeCells(`A2:${lastCol}2`);
	ws.getCell('A2').value = `${event.title} — ${formatRange(event.startsAt, event.endsAt, 'fr')}`;
	ws.mergeCells(`A3:${lastCol}3`);
	ws.getCell('A3').value = note;
	ws.getCell('A3').font = { italic: true };
}

const euros = (cents: number | null) => (cents === null ? null : centsToEuroNumber(cents));

function styleRow(row: ExcelJS.Row, bold: boolean): void {
	row.font = { bold };
	if (bold) row.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F8' } }));
}

/**
 * Writes two sides next to each other, row by row: a class's or a funder's amounts are SUM
 * formulas of the rows under it (with their cached values), so that an edited line recomputes
 * them. Returns the next free row number and, per side, the rows of the classes (what a total sums).
 */
function writeSides(
	ws: ExcelJS.Worksheet,
	start: number,
	left: Row[],
	right: Row[],
	cells: (r: Row | undefined) => (string | number | null)[],
	width: number,
	numberCols: number[]
): { next: number; heads: [number[], number[]] } {
	const n = Math.max(left.length, right.length);
	for (let i = 0; i < n; i++) {
		const row = ws.getRow(start + i);
		row.values = [...cells(left[i]), ...cells(right[i])];
		for (const c of numberCols) row.getCell(c).numFmt = EUROS;
		const l = left[i];
		const r = right[i];
		if (l?.bold) for (let c = 1; c <= width; c++) row.getCell(c).font = { bold: true };
		if (r?.bold) for (let c = width + 1; c <= 2 * width; c++) row.getCell(c).font = { bold: true };
		if (l?.indent) row.getCell(1).alignment = { indent: l.indent, wrapText: true };
		if (r?.indent) row.getCell(width + 1).alignment = { indent: r.indent, wrapText: true };
		for (const [side, offset] of [
			[l, 0],
			[r, width]
		] as const) {
			// Nothing under it (a funder without lines): its 0 stays a plain number.
			if (!side?.children?.length) continue;
			for (const c of numberCols.filter((x) => x > offset && x <= offset + width)) {
				const cell = row.getCell(c);
				cell.value = formula(
					sumOf(
						c,
						side.children.map((k) => start + k)
					),
					cell.value as number | null
				);
			}
		}
	}
	const heads = (rows: Row[]) => rows.flatMap((r, i) => (r.bold ? [start + i] : []));
	return { next: start + n, heads: [heads(left), heads(right)] };
}

/** Sets the amounts of a total row as SUM formulas of `rows` (and of `plus`, another total's row). */
function totalFormulas(row: ExcelJS.Row, cols: number[], rows: number[], plus?: number): void {
	for (const c of cols) {
		const cell = row.getCell(c);
		const parts = [sumOf(c, rows), ...(plus ? [`${col(c)}${plus}`] : [])];
		cell.value = formula(parts.join('+'), cell.value as number | null);
	}
}

function nameCell(wb: ExcelJS.Workbook, sheet: string, col: string, row: number, name: string): void {
	wb.definedNames.add(`'${sheet}'!$${col}$${row}`, name);
}

function checksRows(ws: ExcelJS.Worksheet, start: number, budget: BudgetView, planned: boolean): number {
	const gap = planned ? budget.gapCents : budget.totals.produitsActualCents - budget.totals.chargesActualCents;
	const inKindGap = planned ? budget.inKindGapCents : budget.inKind.produitsActualCents - budget.inKind.chargesActualCents;
	const rows = [
		[t('budget.export.checkBalanced'), gap === 0 ? t('budget.export.yes') : t('budget.export.noGap', { gap: formatEuros(Math.abs(gap)) })],
		[
			t('budget.export.checkInKind'),
			inKindGap === 0 ? t('budget.export.yes') : t('budget.export.noGap', { gap: formatEuros(Math.abs(inKindGap)) })
		]
	];
	rows.forEach((values, i) => (ws.getRow(start + i).values = values));
	return start + rows.length;
}

/** The planned budget, laid out like the Cerfa 12156 budget table. */
export async function planningWorkbook(budget: BudgetView, event: ExportEvent): Promise<Uint8Array<ArrayBuffer>> {
	const wb = await newWorkbook();
	// Totals are formulas: a spreadsheet recomputes them on opening, whatever results are cached.
	wb.calcProperties.fullCalcOnLoad = true;
	const sheet = t('budget.export.sheetPlanned');
	const ws = wb.addWorksheet(sheet, { pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape' } });
	ws.columns = [{ width: 62 }, { width: 16 }, { width: 62 }, { width: 16 }];
	header(ws, t('budget.export.titlePlanned'), t('budget.export.notePlanned'), event, 'D');
	const head = ws.getRow(5);
	head.values = [t('budget.export.charges'), t('budget.export.amount'), t('budget.export.produits'), t('budget.export.amount')];
	styleRow(head, true);
	const cells = (r: Row | undefined) => (r ? [r.text, euros(r.planned)] : [null, null]);
	const main = writeSides(
		ws,
		6,
		sideRows(budget.charges.filter((g) => !g.inKind)),
		sideRows(budget.produits.filter((g) => !g.inKind)),
		cells,
		2,
		[2, 4]
	);
	let next = main.next;

	const totalRow = ws.getRow(next);
	totalRow.values = [
		t('budget.export.totalCharges'),
		euros(budget.totals.chargesPlannedCents),
		t('budget.export.totalProduits'),
		euros(budget.totals.produitsPlannedCents)
	];
	styleRow(totalRow, true);
	[2, 4].forEach((c) => (totalRow.getCell(c).numFmt = EUROS));
	totalFormulas(totalRow, [2], main.heads[0]);
	totalFormulas(totalRow, [4], main.heads[1]);
	nameCell(wb, sheet, 'B', next, 'TotalCharges');
	nameCell(wb, sheet, 'D', next, 'TotalProduits');
	const totalAt = next;
	next += 1;

	const inKind = writeSides(
		ws,
		next,
		sideRows(budget.charges.filter((g) => g.inKind)),
		sideRows(budget.produits.filter((g) => g.inKind)),
		cells,
		2,
		[2, 4]
	);
	next = inKind.next;
	const grand = ws.getRow(next);
	grand.values = [
		t('budget.export.total'),
		euros(budget.totals.chargesPlannedCents + budget.inKind.chargesPlannedCents),
		t('budget.export.total'),
		euros(budget.totals.produitsPlannedCents + budget.inKind.produitsPlannedCents)
	];
	styleRow(grand, true);
	[2, 4].forEach((c) => (grand.getCell(c).numFmt = EUROS));
	totalFormulas(grand, [2], inKind.heads[0], totalAt);
	totalFormulas(grand, [4], inKind.heads[1], totalAt);
	nameCell(wb, sheet, 'B', next, 'TotalGeneralCharges');
	nameCell(wb, sheet, 'D', next, 'TotalGeneralProduits');
	checksRows(ws, next + 2, budget, true);
	ws.views = [{ state: 'frozen', ySplit: 5 }];
	for (const sheet of wb.worksheets) fitRowHeights(sheet);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

const ratio = (planned: number | null, actual: number | null) => (planned && actual !== null ? actual / planned : null);

/** The financial report (actual amounts beside the planned ones), laid out like the Cerfa 15059. */
export async function reportWorkbook(budget: BudgetView, event: ExportEvent): Promise<Uint8Array<ArrayBuffer>> {
	const wb = await newWorkbook();
	// Totals are formulas: a spreadsheet recomputes them on opening, whatever results are cached.
	wb.calcProperties.fullCalcOnLoad = true;
	const sheet = t('budget.export.sheetReport');
	const ws = wb.addWorksheet(sheet, { pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape' } });
	ws.columns = [{ width: 56 }, { width: 15 }, { width: 15 }, { width: 8 }, { width: 56 }, { width: 15 }, { width: 15 }, { width: 8 }];
	header(ws, t('budget.export.titleReport'), t('budget.export.noteReport'), event, 'H');
	const head = ws.getRow(5);
	const h = [t('budget.export.planned'), t('budget.export.actual'), '%'];
	head.values = [t('budget.export.charges'), ...h, t('budget.export.produits'), ...h];
	styleRow(head, true);
	const cells = (r: Row | undefined) =>
		r ? [r.text, euros(r.planned), euros(r.actual), ratio(r.planned, r.actual)] : [null, null, null, null];
	// The ratio recomputes too: actual / planned, empty when nothing was planned.
	const percentCols = (row: ExcelJS.Row) =>
		[4, 8].forEach((c) => {
			const cell = row.getCell(c);
			cell.numFmt = PERCENT;
			if (row.getCell(c - 3).value === null || row.getCell(c - 3).value === undefined) return;
			const [p, a] = [`${col(c - 2)}${row.number}`, `${col(c - 1)}${row.number}`];
			cell.value = formula(`IF(${p}=0,"",${a}/${p})`, (cell.value as number | null) ?? '');
		});
	const main = writeSides(
		ws,
		6,
		sideRows(budget.charges.filter((g) => !g.inKind)),
		sideRows(budget.produits.filter((g) => !g.inKind)),
		cells,
		4,
		[2, 3, 6, 7]
	);
	let next = main.next;
	for (let r = 6; r < next; r++) percentCols(ws.getRow(r));

	const tot = budget.totals;
	const totalRow = ws.getRow(next);
	totalRow.values = [
		t('budget.export.totalCharges'),
		euros(tot.chargesPlannedCents),
		euros(tot.chargesActualCents),
		ratio(tot.chargesPlannedCents, tot.chargesActualCents),
		t('budget.export.totalProduits'),
		euros(tot.produitsPlannedCents),
		euros(tot.produitsActualCents),
		ratio(tot.produitsPlannedCents, tot.produitsActualCents)
	];
	styleRow(totalRow, true);
	[2, 3, 6, 7].forEach((c) => (totalRow.getCell(c).numFmt = EUROS));
	totalFormulas(totalRow, [2, 3], main.heads[0]);
	totalFormulas(totalRow, [6, 7], main.heads[1]);
	percentCols(totalRow);
	nameCell(wb, sheet, 'C', next, 'TotalChargesRealisees');
	nameCell(wb, sheet, 'G', next, 'TotalProduitsRealises');
	const totalAt = next;
	next += 1;
	const inKind = writeSides(
		ws,
		next,
		sideRows(budget.charges.filter((g) => g.inKind)),
		sideRows(budget.produits.filter((g) => g.inKind)),
		cells,
		4,
		[2, 3, 6, 7]
	);
	for (let r = next; r < inKind.next; r++) percentCols(ws.getRow(r));
	next = inKind.next;
	const ik = budget.inKind;
	const grand = ws.getRow(next);
	grand.values = [
		t('budget.export.total'),
		euros(tot.chargesPlannedCents + ik.chargesPlannedCents),
		euros(tot.chargesActualCents + ik.chargesActualCents),
		null,
		t('budget.export.total'),
		euros(tot.produitsPlannedCents + ik.produitsPlannedCents),
		euros(tot.produitsActualCents + ik.produitsActualCents),
		null
	];
	styleRow(grand, true);
	[2, 3, 6, 7].forEach((c) => (grand.getCell(c).numFmt = EUROS));
	totalFormulas(grand, [2, 3], inKind.heads[0], totalAt);
	totalFormulas(grand, [6, 7], inKind.heads[1], totalAt);
	checksRows(ws, next + 2, budget, false);
	ws.views = [{ state: 'frozen', ySplit: 5 }];

	// The 15059 asks to explain the gaps between planned and actual: every line with its variance.
	const gaps = wb.addWorksheet(t('budget.export.sheetVariance'), { pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'portrait' } });
	gaps.columns = [{ width: 12 }, { width: 10 }, { width: 60 }, { width: 15 }, { width: 15 }, { width: 15 }, { width: 10 }];
	const gh = gaps.getRow(1);
	gh.values = [
		t('budget.export.kind'),
		t('budget.export.account'),
		t('budget.export.label'),
		t('budget.export.planned'),
		t('budget.export.actual'),
		t('budget.export.variance'),
		'%'
	];
	styleRow(gh, true);
	[...budget.charges, ...budget.produits]
		.flatMap((g) => g.lines)
		.forEach((l, i) => {
			const row = gaps.getRow(i + 2);
			row.values = [
				t(`budget.kind.${l.kind}`),
				l.account === OWN_FUNDS ? '' : l.account,
				lineText(l),
				euros(l.plannedCents),
				euros(l.actualCents),
				formula(`E${row.number}-D${row.number}`, euros(l.varianceCents)),
				formula(`IF(D${row.number}=0,"",F${row.number}/D${row.number})`, ratio(l.plannedCents, l.varianceCents) ?? '')
			];
			[4, 5, 6].forEach((c) => (row.getCell(c).numFmt = EUROS));
			row.getCell(7).numFmt = PERCENT;
		});
	for (const sheet of wb.worksheets) fitRowHeights(sheet);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Every line, for a spreadsheet (`;`, decimal commas and a BOM unless asked otherwise; decimal
 * points with commas); text that looks like a formula is defused by the shared writer.
 */
export function budgetCsv(budget: BudgetView, options: CsvOptions = FRENCH_SPREADSHEET): string {
	const head = ['kind', 'account', 'accountName', 'funder', 'label', 'planned', 'actual', 'variance'].map((k) =>
		t(`budget.export.csv.${k}`)
	);
	const amount = (cents: number) => new CsvDecimal(cents / 100, 2);
	const rows = [...budget.charges, ...budget.produits]
		.flatMap((g) => g.lines)
		.map((l) => [
			t(`budget.kind.${l.kind}`),
			l.account === OWN_FUNDS ? '' : l.account,
			l.account === OWN_FUNDS ? t(`budget.accounts.${OWN_FUNDS}`) : t(`budget.accounts.${l.account}`),
			l.funder ? t(`budget.funders.${l.funder}`) : '',
			l.label,
			amount(l.plannedCents),
			amount(l.actualCents),
			amount(l.varianceCents)
		]);
	return writeCsv(head, rows, options);
}

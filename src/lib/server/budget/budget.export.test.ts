import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { balancedBudgetLines, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { exportBudget, replaceBudget } from './budget.service.ts';

async function open(body: Uint8Array<ArrayBuffer> | string) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load((body as Uint8Array<ArrayBuffer>).buffer);
	return wb;
}

/** A cell's amount: its value, or a formula's cached result. */
function amount(value: ExcelJS.CellValue): unknown {
	return value && typeof value === 'object' && 'formula' in value ? value.result : value;
}

/** The amount right of the first cell (in column `col`) whose text is `label`. */
function valueRightOf(ws: ExcelJS.Worksheet, label: string, col = 1): unknown {
	for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === label) return amount(ws.getRow(r).getCell(col + 1).value);
	throw new Error(`no "${label}" in column ${col}`);
}

describe.each(DIALECTS)('budget exports on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_cerfa_12156_workbook_has_both_sides_and_their_totals', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { title: 'NEC export' });
		await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		const file = await exportBudget(ctx, alice, ev.slug, 'cerfa-12156');
		expect(file.filename).toBe(`budget-previsionnel-${ev.slug}.xlsx`);
		expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		const wb = await open(file.body);
		const ws = wb.getWorksheet('Budget prévisionnel')!;
		expect(ws.getCell('A1').value).toBe('Budget prévisionnel de l’action');
		expect(String(ws.getCell('A2').value)).toContain('NEC export');
		expect(ws.getRow(5).values).toEqual([undefined, 'CHARGES', 'Montant', 'PRODUITS', 'Montant']);
		expect(valueRightOf(ws, 'TOTAL DES CHARGES')).toBe(12_340);
		expect(valueRightOf(ws, 'TOTAL DES PRODUITS', 3)).toBe(12_340);
		expect(valueRightOf(ws, '62 – Autres services extérieurs')).toBe(2_680);
		expect(valueRightOf(ws, '74 – Subventions d’exploitation', 3)).toBe(2_500);
		// 74 lists every funder of the Cerfa, each with its lines.
		expect(valueRightOf(ws, 'État (dont ANCT)', 3)).toBe(2_500);
		expect(valueRightOf(ws, 'ANCT', 3)).toBe(2_500);
		expect(valueRightOf(ws, 'Région(s)', 3)).toBe(0);
		expect(valueRightOf(ws, 'Fonds européens', 3)).toBe(0);
		expect(valueRightOf(ws, '86 – Emplois des contributions volontaires en nature')).toBe(300);
		expect(valueRightOf(ws, '87 – Contributions volontaires en nature', 3)).toBe(300);
		expect(valueRightOf(ws, 'TOTAL')).toBe(12_640);
		expect(valueRightOf(ws, 'TOTAL', 3)).toBe(12_640);
		expect(valueRightOf(ws, 'Total des charges = total des produits')).toBe('oui');
		// The totals also carry names, for formulas and checks that do not look for labels.
		const total = wb.definedNames.getRanges('TotalCharges').ranges[0];
		expect(total).toMatch(/!\$B\$\d+$/);
		// Totals on the same row, side by side, as on the Cerfa.
		const rowOf = (label: string, col: number) => {
			for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === label) return r;
			return -1;
		};
		expect(rowOf('TOTAL DES CHARGES', 1)).toBe(rowOf('TOTAL DES PRODUITS', 3));
	});

	it('test_cerfa_15059_report_has_planned_actual_and_ratio', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		const wb = await open((await exportBudget(ctx, alice, ev.slug, 'cerfa-15059')).body);
		const ws = wb.getWorksheet('Compte rendu financier')!;
		expect(ws.getRow(5).values).toEqual([
			undefined,
			'CHARGES',
			'Prévision',
			'Réalisation',
			'%',
			'PRODUITS',
			'Prévision',
			'Réalisation',
			'%'
		]);
		let found = false;
		for (let r = 1; r <= ws.rowCount; r++) {
			const row = ws.getRow(r);
			if (row.getCell(1).value !== 'TOTAL DES CHARGES') continue;
			found = true;
			expect([2, 3, 6, 7].map((c) => amount(row.getCell(c).value))).toEqual([12_340, 12_326.82, 12_340, 12_326.82]);
		}
		expect(found).toBe(true);
		const gaps = wb.getWorksheet('Écarts')!;
		const fournitures = gaps.getRow(2);
		expect([
			fournitures.getCell(2).value,
			fournitures.getCell(4).value,
			fournitures.getCell(5).value,
			amount(fournitures.getCell(6).value)
		]).toEqual(['606', 660, 654.32, -5.68]);
	});

	it('test_csv_has_every_line_with_decimal_commas_and_defused_formulas', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await replaceBudget(ctx, alice, ev.slug, {
			lines: [
				{ kind: 'charge', account: '623', label: '=HYPERLINK("x")', plannedCents: 123_456, actualCents: 100 },
				{ kind: 'produit', account: '74', label: 'Département; solde', funder: 'departement', plannedCents: 123_456 }
			]
		});
		const file = await exportBudget(ctx, alice, ev.slug, 'csv');
		expect(file.contentType).toBe('text/csv; charset=utf-8');
		const lines = String(file.body)
			.replace(/^\ufeff/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines).toEqual([
			'Nature;Compte;Intitulé du compte;Financeur;Libellé;Prévu (€);Réalisé (€);Écart (€)',
			`Charge;623;Publicité, publications, relations publiques;;"'=HYPERLINK(""x"")";1234,56;1,00;-1233,56`,
			'Produit;74;Subventions d’exploitation;Département(s);"Département; solde";1234,56;0,00;-1234,56'
		]);
		await expect(exportBudget(ctx, null, ev.slug, 'csv')).rejects.toBeInstanceOf(NotFoundError);
	});
});

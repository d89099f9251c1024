// The budget workbooks opened by LibreOffice (Debian's libreoffice-calc, headless), as a funder
// opens them: totals read back from the CSV it writes, and recomputed from the formulas once a
// line is edited. One database is enough: the workbook is the same on both, and LibreOffice is
// slow to start.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { balancedBudgetLines, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { exportBudget, replaceBudget } from './budget.service.ts';

const run = promisify(execFile);
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';

/** The CSV LibreOffice writes of `xlsx`'s first sheet: raw numbers, UTF-8, as rows of cells. */
async function libreOfficeRows(dir: string, name: string, xlsx: Uint8Array): Promise<string[][]> {
	const file = path.join(dir, `${name}.xlsx`);
	await writeFile(file, xlsx);
	await run(
		'soffice',
		[
			'--headless',
			'--norestore',
			`-env:UserInstallation=file://${dir}/lo`,
			'--convert-to',
			'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false',
			'--outdir',
			dir,
			file
		],
		{ timeout: 120_000 }
	);
	return parse(await readFile(path.join(dir, `${name}.csv`), 'utf8'), { relax_column_count: true });
}

const rowOf = (rows: string[][], label: string) => rows.find((r) => r[0] === label)!;

describe.each(DIALECTS.slice(0, 1))('budget workbooks in LibreOffice (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let dir: string;
	let planned: Uint8Array<ArrayBuffer>;

	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		dir = await mkdtemp(path.join(tmpdir(), 'maillage-budget-lo-'));
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { title: `NEC ${NASTY}` });
		const lines = balancedBudgetLines().map((l) => (l.account === '606' ? { ...l, label: NASTY } : l));
		await replaceBudget(ctx, alice, ev.slug, { lines });
		planned = (await exportBudget(ctx, alice, ev.slug, 'cerfa-12156')).body as Uint8Array<ArrayBuffer>;
	});

	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
		await t?.close();
	});

	it('test_cerfa_12156_totals_are_formulas_with_their_values', async () => {
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(planned.buffer);
		const ws = wb.worksheets[0];
		const cells: Record<string, ExcelJS.CellValue> = {};
		ws.eachRow((row) => {
			if (typeof row.getCell(1).value === 'string') cells[row.getCell(1).value as string] = row.getCell(2).value;
		});
		expect(cells['TOTAL DES CHARGES']).toMatchObject({ formula: expect.stringMatching(/^SUM\(/), result: 12_340 });
		expect(cells['60 – Achats']).toMatchObject({ formula: expect.stringMatching(/^SUM\(B\d+/), result: 660 });
		expect(cells['TOTAL']).toMatchObject({ formula: expect.stringMatching(/\+B\d+$/), result: 12_640 });
		expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
	});

	it('test_libreoffice_reads_the_totals_and_recomputes_them_after_an_edit', async () => {
		const rows = await libreOfficeRows(dir, 'budget', planned);
		expect(Number(rowOf(rows, 'TOTAL DES CHARGES')[1])).toBe(12_340);
		expect(Number(rowOf(rows, 'TOTAL DES CHARGES')[3])).toBe(12_340);
		expect(rows.some((r) => r[0].includes(NASTY))).toBe(true);

		// A funder edits the line of account 606 (+100 €) and drops every cached result.
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(planned.buffer);
		const ws = wb.worksheets[0];
		ws.eachRow((row) => {
			row.eachCell((cell) => {
				const v = cell.value;
				if (v && typeof v === 'object' && 'formula' in v) cell.value = { formula: v.formula } as ExcelJS.CellFormulaValue;
			});
			if (String(row.getCell(1).value).includes(NASTY)) row.getCell(2).value = 760;
		});
		const edited = new Uint8Array(await wb.xlsx.writeBuffer());
		const after = await libreOfficeRows(dir, 'budget-modifie', edited);
		expect(Number(rowOf(after, '60 – Achats')[1])).toBe(760);
		expect(Number(rowOf(after, 'TOTAL DES CHARGES')[1])).toBe(12_440);
		expect(Number(rowOf(after, 'TOTAL')[1])).toBe(12_740);
		expect(rowOf(after, 'TOTAL DES CHARGES')[3]).toBe('12340');
	}, 240_000);
});

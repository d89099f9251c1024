// Row heights that fit wrapped cells, checked where people see them: the workbook printed to PDF
// by LibreOffice Calc (headless), then every word's box read back with pdftotext. A row too short
// clips its cell: the hidden lines are still drawn, outside the row, over its neighbours.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFile } from './registrations/export-file.ts';
import { wrappedLines } from './spreadsheet.ts';

const run = promisify(execFile);
const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';
const LONG =
	'Un besoin d’accessibilité décrit longuement : fauteuil roulant, accompagnement par une personne, boucle magnétique pour la plénière et documents en gros caractères, merci.';

describe('wrappedLines', () => {
	it('test_counts_paragraphs_and_wraps_at_spaces', () => {
		expect(wrappedLines('court', 20)).toBe(1);
		expect(wrappedLines('ligne 1\nligne 2\nligne 3', 20)).toBe(3);
		expect(wrappedLines('aaaa bbbb cccc', 10)).toBe(2);
		expect(wrappedLines('x'.repeat(25), 11)).toBe(3);
		expect(wrappedLines('🎉'.repeat(10), 11)).toBe(2);
	});
});

describe('multi-line cells in LibreOffice', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'maillage-rows-lo-'));
	});
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('test_every_line_of_a_wrapped_cell_is_printed_inside_its_row', async () => {
		const file = await tableFile(
			'xlsx',
			NASTY,
			['Nom', 'Prénom', 'Ateliers', 'Besoins', 'Commentaire'],
			[
				[
					'Diallo',
					'Awa 🎤',
					`${NASTY} ; Atelier 2 : faire ensemble ; Atelier 3 : la médiation numérique en bibliothèque`,
					LONG,
					'un\ndeux\ntrois\nquatre'
				],
				['Martin', 'Paul', 'Court', 'Aucun', 'ok']
			],
			'lignes'
		);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(new Uint8Array(file.body).buffer);
		expect(wb.worksheets[0].getRow(2).getCell(5).alignment).toMatchObject({ wrapText: true });
		await writeFile(path.join(dir, 'lignes.xlsx'), file.body);
		await run(
			'soffice',
			[
				'--headless',
				'--norestore',
				`-env:UserInstallation=file://${dir}/lo`,
				'--convert-to',
				'pdf',
				'--outdir',
				dir,
				path.join(dir, 'lignes.xlsx')
			],
			{ timeout: 120_000 }
		);
		await run('pdftotext', ['-bbox', path.join(dir, 'lignes.pdf'), path.join(dir, 'lignes.html')]);
		const words = [
			...(await readFile(path.join(dir, 'lignes.html'), 'utf8')).matchAll(/yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)</g)
		].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] }));
		const word = (text: string) => words.find((w) => w.text === text)!;
		const rowTop = word('Diallo').top;
		const nextRowTop = word('Martin').top;
		// The first and last words of each multi-line cell, and every line of the comment.
		for (const text of ['un', 'deux', 'trois', 'quatre', 'bibliothèque', 'Un', 'merci.']) {
			expect(word(text), text).toBeDefined();
			expect(word(text).top, text).toBeGreaterThanOrEqual(rowTop - 0.5);
			expect(word(text).bottom, text).toBeLessThanOrEqual(nextRowTop);
		}
		expect(word('quatre').top).toBeGreaterThan(word('trois').top);
	}, 120_000);
});

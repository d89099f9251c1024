// Attendance sheets as printed: no extra page, a true "Page n / total", the title once, the
// half-day's hours from the sessions held in it; read back with poppler (pdfinfo, pdftotext).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../i18n/index.ts';
import { pdfText } from '../../../../tests/helpers/pdf.ts';
import { halfDayHours, sheetHeading } from './attendance.service.ts';
import { attendanceSheetPdf, type AttendanceSheet } from './pdf.ts';

const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';
// The app's own French labels: its footer is long enough to end below the bottom margin.
const { session: _session, format: _format, ...LABELS } = MESSAGES.fr.checkin.sheet;

function pageCount(pdf: Buffer): number {
	const dir = mkdtempSync(path.join(tmpdir(), 'maillage-pdfinfo-'));
	try {
		writeFileSync(path.join(dir, 'a.pdf'), pdf);
		const info = execFileSync('pdfinfo', [path.join(dir, 'a.pdf')], { encoding: 'utf8' });
		return Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

describe('attendance sheet pages', () => {
	it.each([0, 1, 20, 23, 24, 25, 50, 80])('test_sheet_of_%i_people_has_no_extra_page_and_true_page_numbers', async (n) => {
		const people = Array.from({ length: n }, (_, i) => ({ firstName: `Zoé ${i}`, lastName: `L’Hôte ${i}`, structure: 'Tiers-lieu & co' }));
		const pdf = await attendanceSheetPdf({
			eventTitle: `NEC ${NASTY}`,
			heading: sheetHeading('Atelier', NASTY),
			date: 'jeudi 10 juin 2027, matin',
			times: '9 h 30 – 12 h 00',
			place: 'Salle [A] : 1/2',
			speakers: ['Awa « Diallo » & Cie 🎤'],
			people,
			blankRows: 8,
			labels: LABELS as AttendanceSheet['labels']
		});
		const total = pageCount(pdf);
		const pages = pdfText(pdf).split('\f').slice(0, total);
		expect(pages).toHaveLength(total);
		pages.forEach((text, i) => {
			expect(text).toContain(`Page ${i + 1} / ${total}`);
			// Every page holds rows of the table, not only its footer.
			expect(text).toMatch(/N°\s+Nom/);
		});
		// The last numbered row (people, then 8 blank rows) is on the last page.
		expect(pages[total - 1]).toMatch(new RegExp(`\\b${n + 8}\\b`));
		expect(pdfText(pdf, { layout: false })).toContain('Atelier [test] : IA / données ? * « Communs » ’ & co');
	});

	it('test_sheetHeading_does_not_double_the_format', () => {
		expect(sheetHeading('Atelier', 'Atelier : communs numériques')).toBe('Atelier : communs numériques');
		expect(sheetHeading('Atelier', 'atelier fresque du numérique')).toBe('atelier fresque du numérique');
		expect(sheetHeading('Plénière', 'Pleniere d’ouverture')).toBe('Pleniere d’ouverture');
		expect(sheetHeading('Atelier', 'Communs numériques')).toBe('Atelier : Communs numériques');
	});

	it('test_halfDayHours_come_from_the_sessions_held_not_from_lunch', () => {
		const h = { startsAt: '2027-06-10T06:00:00Z', endsAt: '2027-06-10T12:00:00Z' };
		const s = (format: string, from: string, to: string) => ({
			format,
			startsAt: `2027-06-10T${from}:00Z`,
			endsAt: `2027-06-10T${to}:00Z`
		});
		expect(halfDayHours([s('plenary', '07:30', '08:30'), s('workshop', '09:00', '10:00'), s('social', '10:00', '12:00')], h)).toEqual({
			start: '2027-06-10T07:30:00Z',
			end: '2027-06-10T10:00:00Z'
		});
		expect(halfDayHours([s('social', '10:00', '12:00')], h)).toEqual({ start: '2027-06-10T10:00:00Z', end: '2027-06-10T12:00:00Z' });
		expect(halfDayHours([], h)).toEqual({ start: h.startsAt, end: h.endsAt });
	});
});

import { describe, expect, it } from 'vitest';
import { pdfFonts, pdfText, readQr, renderPage } from '../../../../tests/helpers/pdf.ts';
import { attendanceSheetPdf, badgeBox, badgesPdf, type AttendanceSheet } from './pdf.ts';

const LABELS: AttendanceSheet['labels'] = {
	title: 'Feuille d’émargement',
	date: 'Date',
	times: 'Horaires',
	place: 'Lieu',
	speakers: 'Intervenant·es',
	none: 'Aucune',
	number: 'N°',
	lastName: 'Nom',
	firstName: 'Prénom',
	structure: 'Structure',
	signature: 'Signature',
	page: 'Page {{n}} / {{total}}',
	footer: 'Maillage'
};

const PEOPLE = [
	{ firstName: 'Łukasz', lastName: 'Wałęsa', structure: 'Fundacja Cyfrowa Łódź' },
	{ firstName: 'Thị Ánh', lastName: 'Nguyễn', structure: 'Hội người Việt' },
	{ firstName: 'Zoë', lastName: 'Ørsted', structure: 'Københavns Kommune' },
	{ firstName: 'ليلى', lastName: 'بن علي', structure: 'جمعية النور' }
];

/** pdftotext marks right-to-left runs with embedding controls: what a reader sees is without them. */
const withoutBidiControls = (s: string) => s.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '');

function sheet(people = PEOPLE): AttendanceSheet {
	return {
		eventTitle: 'NEC Haute-Vienne 2027',
		heading: 'Plénière d’ouverture',
		date: 'jeudi 10 juin 2027, matin',
		times: '9 h 00 – 12 h 30',
		place: 'Espace Noriac',
		speakers: ['Łukasz Wałęsa', 'Nguyễn Thị Ánh', 'Zoë Ørsted'],
		people,
		blankRows: 4,
		labels: LABELS
	};
}

describe('attendance sheets and badges as PDF', () => {
	it('test_attendance_sheet_keeps_names_outside_latin1_exactly', async () => {
		const pdf = await attendanceSheetPdf(sheet());

		const text = pdfText(pdf);
		expect(text).toContain('Intervenant·es : Łukasz Wałęsa, Nguyễn Thị Ánh, Zoë Ørsted');
		expect(text).toMatch(/WAŁĘSA +Łukasz +Fundacja Cyfrowa Łódź/);
		expect(text).toMatch(/NGUYỄN +Thị Ánh +Hội người Việt/);
		expect(text).toMatch(/ØRSTED +Zoë +Københavns Kommune/);
		expect(text).not.toMatch(/Lukasz|Walesa|Nguyen|Orsted|\?/);
		// Arabic, shaped and in reading order (pdfkit alone would reverse the words).
		const plain = withoutBidiControls(pdfText(pdf, { layout: false }));
		expect(plain).toContain('بن علي');
		expect(plain).toContain('جمعية النور');
	});

	it('test_pdfs_embed_a_subset_of_dejavu_sans_and_stay_small', async () => {
		const pdf = await attendanceSheetPdf(sheet());
		const many = Array.from({ length: 150 }, (_, i) => PEOPLE[i % PEOPLE.length]);
		const long = await attendanceSheetPdf(sheet(many));

		expect(pdfFonts(pdf)).toEqual([
			{ name: expect.stringMatching(/^[A-Z]{6}\+DejaVuSans-Bold$/), embedded: true, subset: true },
			{ name: expect.stringMatching(/^[A-Z]{6}\+DejaVuSans$/), embedded: true, subset: true }
		]);
		// The two faces weigh 1.4 MB; their subsets, a few tens of kB (Helvetica sheets were about 3 kB).
		expect(pdf.length).toBeLessThan(40_000);
		expect(pdfText(long)).toContain('Page 7 / 7');
		expect(long.length).toBeLessThan(80_000);
	});

	it('test_each_badge_shows_its_name_and_structure_and_a_qr_code_of_its_own', async () => {
		const list = Array.from({ length: 9 }, (_, i) => ({
			...PEOPLE[i % PEOPLE.length],
			role: 'Médiateur·rice numérique',
			qr: `http://localhost:3000/inscription/accueil/CODE${i}`
		}));
		const pdf = await badgesPdf('NEC Haute-Vienne 2027', list);

		const text = pdfText(pdf);
		for (const n of ['Łukasz', 'WAŁĘSA', 'Fundacja Cyfrowa Łódź', 'Thị Ánh', 'NGUYỄN', 'Hội người Việt', 'Zoë', 'ØRSTED'])
			expect(text).toContain(n);
		expect(text.split('\f').filter((page) => page.trim())).toHaveLength(2);
		const pages = [renderPage(pdf, 1), renderPage(pdf, 2)];
		const read = list.map((_, i) => {
			const box = badgeBox(i);
			return readQr(pages[box.page], box);
		});
		expect(read).toEqual(list.map((b) => b.qr));
	});
});

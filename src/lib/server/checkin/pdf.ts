/**
 * Printed documents of the day, drawn with pdfkit: attendance sheets ("feuilles d'émargement",
 * one per half-day or per session, signed on paper) and A4 sheets of badges. Pure: data in,
 * a PDF buffer out.
 *
 * Text is set in DejaVu Sans (regular and bold), embedded as a subset: pdfkit's built-in
 * Helvetica knows only Windows-1252, so « Łukasz Wałęsa » came out as "Lukasz Walesa" and
 * Vietnamese or Arabic names as "?". DejaVu Sans covers Latin Extended, Vietnamese, Greek,
 * Cyrillic, Hebrew and Arabic; a script it lacks (CJK, Devanagari…) draws as empty boxes but
 * stays right in the PDF's text layer (search, copy, screen readers).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { qrMatrix } from '../registrations/qr.ts';

export const SANS = 'Sans';
export const SANS_BOLD = 'Sans-Bold';

// Read once per process, at the first document (about 1.4 MB for both faces), from the npm
// package at run time rather than bundled; each document embeds only the glyphs it uses.
let fontFiles: { regular: Buffer; bold: Buffer } | null = null;
function fonts() {
	if (!fontFiles) {
		const require = createRequire(import.meta.url);
		fontFiles = {
			regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
			bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))
		};
	}
	return fontFiles;
}

/** Text as drawn: composed accents (NFC); tabs, line breaks and other control characters become a space. */
export function printable(value: string): string {
	return value.normalize('NFC').replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ');
}

// pdfkit lays a line out word by word, left to right: a name in Arabic or Hebrew would come out
// with its words in reverse order. With `features` set, pdfkit hands the whole line to fontkit,
// which reverses a right-to-left run as a whole (mixed-direction lines stay approximate).
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

/** Text options for `value`: a right-to-left line is shaped as one run. */
export function along(value: string, options: PDFKit.Mixins.TextOptions = {}): PDFKit.Mixins.TextOptions {
	return RTL.test(value) ? { ...options, features: [] } : options;
}

export function render(draw: (doc: PDFKit.PDFDocument) => void, info: { title: string; subject: string }): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({
			size: 'A4',
			margin: 40,
			bufferPages: true,
			// pdfkit writes non-ASCII metadata as UTF-16: no need to simplify it.
			info: { Title: printable(info.title), Subject: printable(info.subject), Creator: 'Maillage' },
			lang: 'fr-FR'
		} as PDFKit.PDFDocumentOptions);
		const faces = fonts();
		doc.registerFont(SANS, faces.regular);
		doc.registerFont(SANS_BOLD, faces.bold);
		doc.font(SANS);
		const chunks: Buffer[] = [];
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
		try {
			draw(doc);
			doc.end();
		} catch (e) {
			reject(e);
		}
	});
}

export interface SheetPerson {
	lastName: string;
	firstName: string;
	structure: string;
}

export interface AttendanceSheet {
	eventTitle: string;
	/** "Atelier : …" for a session sheet, or the half-day's sessions for a half-day sheet. */
	heading: string;
	date: string;
	times: string;
	place: string;
	speakers: string[];
	people: SheetPerson[];
	/** Empty rows at the end, for walk-ins. */
	blankRows: number;
	labels: {
		title: string;
		date: string;
		times: string;
		place: string;
		speakers: string;
		none: string;
		number: string;
		lastName: string;
		firstName: string;
		structure: string;
		signature: string;
		page: string;
		footer: string;
	};
}

/** Alphabetical order of a French list: last name, then first name, accents and case ignored. */
export function byName(a: SheetPerson, b: SheetPerson): number {
	return (
		a.lastName.localeCompare(b.lastName, 'fr', { sensitivity: 'base' }) ||
		a.firstName.localeCompare(b.firstName, 'fr', { sensitivity: 'base' })
	);
}

/** An attendance sheet: heading block, then a table with an empty signature column; page x / n. */
export function attendanceSheetPdf(sheet: AttendanceSheet): Promise<Buffer> {
	const L = sheet.labels;
	return render(
		(doc) => {
			const left = doc.page.margins.left;
			const width = doc.page.width - left - doc.page.margins.right;
			const cols = [
				{ label: L.number, w: 28 },
				{ label: L.lastName, w: 120 },
				{ label: L.firstName, w: 100 },
				{ label: L.structure, w: 140 },
				{ label: L.signature, w: width - 388 }
			];
			const rowH = 26;
			const bottom = () => doc.page.height - doc.page.margins.bottom - 24;

			const header = (first: boolean) => {
				doc
					.font(SANS_BOLD)
					.fontSize(first ? 16 : 11)
					.fillColor('#000')
					.text(printable(sheet.eventTitle), left, doc.page.margins.top, along(sheet.eventTitle, { width }));
				doc.moveDown(0.2);
				if (first) {
					doc.font(SANS_BOLD).fontSize(13).text(printable(L.title), { width });
					if (sheet.heading) doc.font(SANS).fontSize(11).text(printable(sheet.heading), along(sheet.heading, { width }));
					doc.moveDown(0.4);
					const line = (label: string, value: string) =>
						doc
							.font(SANS_BOLD)
							.fontSize(10)
							.text(`${printable(label)} : `, { continued: true })
							.font(SANS)
							.text(printable(value || '—'), along(value, { width }));
					line(L.date, sheet.date);
					line(L.times, sheet.times);
					line(L.place, sheet.place);
					line(L.speakers, sheet.speakers.length ? sheet.speakers.join(', ') : L.none);
					doc.moveDown(0.6);
				} else doc.moveDown(0.3);
				// Table header, repeated on every page.
				const y = doc.y;
				let x = left;
				doc.rect(left, y, width, 20).fill('#e6e9ee');
				doc.fillColor('#000').font(SANS_BOLD).fontSize(9);
				for (const c of cols) {
					doc.text(printable(c.label), x + 4, y + 6, { width: c.w - 8, lineBreak: false });
					x += c.w;
				}
				doc.y = y + 20;
			};

			header(true);
			const rows: (SheetPerson | null)[] = [...sheet.people, ...Array.from({ length: sheet.blankRows }, () => null)];
			rows.forEach((p, i) => {
				if (doc.y + rowH > bottom()) {
					doc.addPage();
					header(false);
				}
				const y = doc.y;
				let x = left;
				doc.font(SANS).fontSize(9).fillColor('#000');
				const cells = p
					? [String(i + 1), p.lastName.toLocaleUpperCase('fr'), p.firstName, p.structure, '']
					: [String(i + 1), '', '', '', ''];
				for (const [k, c] of cols.entries()) {
					doc.rect(x, y, c.w, rowH).lineWidth(0.5).strokeColor('#555').stroke();
					if (cells[k])
						doc.text(
							printable(cells[k]),
							x + 4,
							y + 9,
							along(cells[k], { width: c.w - 8, height: rowH - 10, lineBreak: false, ellipsis: true })
						);
					x += c.w;
				}
				doc.y = y + rowH;
			});
			if (rows.length === 0)
				doc
					.font(SANS)
					.fontSize(10)
					.text(printable(L.none), left, doc.y + 8);

			const range = doc.bufferedPageRange();
			for (let i = range.start; i < range.start + range.count; i++) {
				doc.switchToPage(i);
				const y = doc.page.height - doc.page.margins.bottom - 12;
				// Text below the bottom margin may make pdfkit open a new page (a blank one after the
				// last, and a wrong "Page n / total"): the footer is drawn with no bottom margin.
				doc.page.margins.bottom = 0;
				doc.font(SANS).fontSize(8).fillColor('#333');
				doc.text(printable(L.footer), left, y, { width: width / 2, lineBreak: false });
				doc.text(printable(L.page.replace('{{n}}', String(i + 1)).replace('{{total}}', String(range.count))), left + width / 2, y, {
					width: width / 2,
					align: 'right',
					lineBreak: false
				});
			}
		},
		{ title: `${L.title} – ${sheet.eventTitle}`, subject: sheet.heading || sheet.date }
	);
}

export interface Badge {
	firstName: string;
	lastName: string;
	structure: string;
	role: string;
	/** What the QR code holds: the check-in address. */
	qr: string;
}

const MM = 72 / 25.4;
const A4 = { w: 595.28, h: 841.89 };

/**
 * Where the `i`-th badge of the list lands: its page (from 0) and its box in points from the
 * page's top left corner (2 × 4 badges of 90 × 62 mm per A4 page, centred).
 */
export function badgeBox(i: number): { page: number; x: number; y: number; w: number; h: number } {
	const w = 90 * MM;
	const h = 62 * MM;
	const slot = i % 8;
	return {
		page: Math.floor(i / 8),
		x: (A4.w - 2 * w) / 2 + (slot % 2) * w,
		y: (A4.h - 4 * h) / 2 + Math.floor(slot / 2) * h,
		w,
		h
	};
}

/** A4 sheets of 8 badges (2 × 4, 90 × 62 mm) with cut marks: name, structure, role, QR code. */
export function badgesPdf(eventTitle: string, badges: Badge[]): Promise<Buffer> {
	return render(
		(doc) => {
			badges.forEach((b, i) => {
				const { x, y, w, h } = badgeBox(i);
				if (i > 0 && i % 8 === 0) doc.addPage();
				doc.save().rect(x, y, w, h).lineWidth(0.3).dash(3, { space: 3 }).strokeColor('#999').stroke().undash().restore();
				const pad = 5 * MM;
				const qrSize = 24 * MM;
				const textW = w - 2 * pad - qrSize - 3 * MM;
				doc
					.fillColor('#1d4e89')
					.font(SANS_BOLD)
					.fontSize(8)
					.text(
						printable(eventTitle),
						x + pad,
						y + pad,
						along(eventTitle, { width: w - 2 * pad, height: 10, lineBreak: false, ellipsis: true })
					);
				doc
					.fillColor('#000')
					.font(SANS_BOLD)
					.fontSize(17)
					.text(
						printable(b.firstName),
						x + pad,
						y + pad + 16,
						along(b.firstName, { width: textW, height: 22, lineBreak: false, ellipsis: true })
					);
				doc
					.fontSize(14)
					.text(
						printable(b.lastName.toLocaleUpperCase('fr')),
						x + pad,
						y + pad + 38,
						along(b.lastName, { width: textW, height: 18, lineBreak: false, ellipsis: true })
					);
				doc
					.font(SANS)
					.fontSize(10)
					.text(printable(b.structure), x + pad, y + pad + 62, along(b.structure, { width: textW, height: 26, ellipsis: true }));
				doc
					.fillColor('#333')
					.fontSize(9)
					.text(printable(b.role), x + pad, y + h - pad - 10, { width: textW, height: 11, lineBreak: false, ellipsis: true });
				const m = qrMatrix(b.qr);
				const cell = qrSize / m.size;
				const qx = x + w - pad - qrSize;
				const qy = y + h - pad - qrSize;
				doc.fillColor('#000');
				for (let r = 0; r < m.size; r++)
					for (let c = 0; c < m.size; c++) if (m.dark(r, c)) doc.rect(qx + c * cell, qy + r * cell, cell + 0.05, cell + 0.05);
				doc.fill();
			});
			if (badges.length === 0) doc.font(SANS).fontSize(12).text(printable(eventTitle));
		},
		{ title: `Badges – ${eventTitle}`, subject: 'Badges' }
	);
}

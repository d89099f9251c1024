/**
 * Printed documents of the day, drawn with pdfkit: attendance sheets ("feuilles d'émargement",
 * one per half-day or per session, signed on paper) and A4 sheets of badges. Pure: data in,
 * a PDF buffer out. Texts go through `pdfText` because the built-in Helvetica knows only the
 * Windows-1252 characters (all of French, not every name in the world).
 */
import PDFDocument from 'pdfkit';
import { qrMatrix } from '../registrations/qr.ts';

const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Text Helvetica can draw: accents kept where Windows-1252 has them, stripped otherwise, else "?". */
export function pdfText(value: string): string {
	let out = '';
	for (const ch of value.normalize('NFC')) {
		const code = ch.codePointAt(0)!;
		if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch)) out += ch;
		else if (ch === '\u00b7' || ch === '\u2022') out += '·';
		else if (/\s/.test(ch)) out += ' ';
		else {
			const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
			out += /^[\x20-\x7e]+$/.test(base) ? base : '?';
		}
	}
	return out;
}

function render(draw: (doc: PDFKit.PDFDocument) => void, info: { title: string; subject: string }): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({
			size: 'A4',
			margin: 40,
			bufferPages: true,
			info: { Title: pdfText(info.title), Subject: pdfText(info.subject), Creator: 'Maillage' },
			lang: 'fr-FR'
		} as PDFKit.PDFDocumentOptions);
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
					.font('Helvetica-Bold')
					.fontSize(first ? 16 : 11)
					.fillColor('#000')
					.text(pdfText(sheet.eventTitle), left, doc.page.margins.top, { width });
				doc.moveDown(0.2);
				if (first) {
					doc.font('Helvetica-Bold').fontSize(13).text(pdfText(L.title), { width });
					if (sheet.heading) doc.font('Helvetica').fontSize(11).text(pdfText(sheet.heading), { width });
					doc.moveDown(0.4);
					const line = (label: string, value: string) =>
						doc
							.font('Helvetica-Bold')
							.fontSize(10)
							.text(`${pdfText(label)} : `, { continued: true })
							.font('Helvetica')
							.text(pdfText(value || '—'), { width });
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
				doc.fillColor('#000').font('Helvetica-Bold').fontSize(9);
				for (const c of cols) {
					doc.text(pdfText(c.label), x + 4, y + 6, { width: c.w - 8, lineBreak: false });
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
				doc.font('Helvetica').fontSize(9).fillColor('#000');
				const cells = p
					? [String(i + 1), p.lastName.toLocaleUpperCase('fr'), p.firstName, p.structure, '']
					: [String(i + 1), '', '', '', ''];
				for (const [k, c] of cols.entries()) {
					doc.rect(x, y, c.w, rowH).lineWidth(0.5).strokeColor('#555').stroke();
					if (cells[k]) doc.text(pdfText(cells[k]), x + 4, y + 9, { width: c.w - 8, height: rowH - 10, lineBreak: false, ellipsis: true });
					x += c.w;
				}
				doc.y = y + rowH;
			});
			if (rows.length === 0)
				doc
					.font('Helvetica-Oblique')
					.fontSize(10)
					.text(pdfText(L.none), left, doc.y + 8);

			const range = doc.bufferedPageRange();
			for (let i = range.start; i < range.start + range.count; i++) {
				doc.switchToPage(i);
				const y = doc.page.height - doc.page.margins.bottom - 12;
				doc.font('Helvetica').fontSize(8).fillColor('#333');
				doc.text(pdfText(L.footer), left, y, { width: width / 2, lineBreak: false });
				doc.text(pdfText(L.page.replace('{{n}}', String(i + 1)).replace('{{total}}', String(range.count))), left + width / 2, y, {
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

/** A4 sheets of 8 badges (2 × 4, 90 × 62 mm) with cut marks: name, structure, role, QR code. */
export function badgesPdf(eventTitle: string, badges: Badge[]): Promise<Buffer> {
	return render(
		(doc) => {
			const w = 90 * MM;
			const h = 62 * MM;
			const marginX = (doc.page.width - 2 * w) / 2;
			const marginY = (doc.page.height - 4 * h) / 2;
			badges.forEach((b, i) => {
				const slot = i % 8;
				if (i > 0 && slot === 0) doc.addPage();
				const x = marginX + (slot % 2) * w;
				const y = marginY + Math.floor(slot / 2) * h;
				doc.save().rect(x, y, w, h).lineWidth(0.3).dash(3, { space: 3 }).strokeColor('#999').stroke().undash().restore();
				const pad = 5 * MM;
				const qrSize = 24 * MM;
				const textW = w - 2 * pad - qrSize - 3 * MM;
				doc
					.fillColor('#1d4e89')
					.font('Helvetica-Bold')
					.fontSize(8)
					.text(pdfText(eventTitle), x + pad, y + pad, { width: w - 2 * pad, height: 10, lineBreak: false, ellipsis: true });
				doc
					.fillColor('#000')
					.font('Helvetica-Bold')
					.fontSize(17)
					.text(pdfText(b.firstName), x + pad, y + pad + 16, { width: textW, height: 22, lineBreak: false, ellipsis: true });
				doc.fontSize(14).text(pdfText(b.lastName.toLocaleUpperCase('fr')), x + pad, y + pad + 38, {
					width: textW,
					height: 18,
					lineBreak: false,
					ellipsis: true
				});
				doc
					.font('Helvetica')
					.fontSize(10)
					.text(pdfText(b.structure), x + pad, y + pad + 62, { width: textW, height: 26, ellipsis: true });
				doc
					.fillColor('#333')
					.fontSize(9)
					.text(pdfText(b.role), x + pad, y + h - pad - 10, { width: textW, height: 11, lineBreak: false, ellipsis: true });
				const m = qrMatrix(b.qr);
				const cell = qrSize / m.size;
				const qx = x + w - pad - qrSize;
				const qy = y + h - pad - qrSize;
				doc.fillColor('#000');
				for (let r = 0; r < m.size; r++)
					for (let c = 0; c < m.size; c++) if (m.dark(r, c)) doc.rect(qx + c * cell, qy + r * cell, cell + 0.05, cell + 0.05);
				doc.fill();
			});
			if (badges.length === 0) doc.font('Helvetica').fontSize(12).text(pdfText(eventTitle));
		},
		{ title: `Badges – ${eventTitle}`, subject: 'Badges' }
	);
}

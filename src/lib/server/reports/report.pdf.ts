/**
 * The report as an A4 PDF, drawn with pdfkit (the project's PDF library: no browser needed on
 * the server): a cover with the key figures, a table of contents with page numbers, one part per
 * section shown, bar charts drawn as vector shapes (sharp at any zoom), DejaVu Sans embedded, a
 * page number on every page. Also the certificates of attendance. Pure: data in, a PDF out.
 */
import { along, printable, render, SANS, SANS_BOLD } from '../checkin/pdf.ts';
import type { Translate } from '../../i18n/index.ts';
import type { Bar } from './report.charts.ts';
import type { ReportSection } from './report.schema.ts';

export interface PdfBlock {
	kind: 'text' | 'bars' | 'list' | 'subheading' | 'figures';
	text?: string;
	bars?: Bar[];
	items?: string[];
	figures?: { label: string; value: string }[];
}

export interface PdfSection {
	/** A section of the report, or `previousGroups`: the previous edition's working groups (always shown). */
	key: ReportSection | 'previousGroups';
	title: string;
	blocks: PdfBlock[];
}

export interface ReportPdf {
	title: string;
	subtitle: string;
	cover: { label: string; value: string }[];
	sections: PdfSection[];
	labels: { report: string; contents: string; page: string; footer: string };
}

const BLUE = '#1f5fa8';

/** The report as an A4 PDF. */
export function reportPdf(data: ReportPdf): Promise<Buffer> {
	return render(
		(doc) => {
			const left = doc.page.margins.left;
			const width = doc.page.width - left - doc.page.margins.right;
			const bottom = () => doc.page.height - doc.page.margins.bottom - 20;
			const ensure = (h: number) => {
				if (doc.y + h > bottom()) doc.addPage();
			};

			// Cover.
			doc.rect(0, 0, doc.page.width, 180).fill(BLUE);
			doc.fillColor('#fff').font(SANS_BOLD).fontSize(12).text(printable(data.labels.report).toUpperCase(), left, 60, { width });
			doc.font(SANS_BOLD).fontSize(24).text(printable(data.title), left, 84, along(data.title, { width }));
			doc.fillColor('#000').font(SANS).fontSize(12).text(printable(data.subtitle), left, 200, { width });
			doc.moveDown(1.5);
			const colW = width / 2;
			const top = doc.y;
			data.cover.forEach((f, i) => {
				const x = left + (i % 2) * colW;
				const y = top + Math.floor(i / 2) * 64;
				doc
					.font(SANS_BOLD)
					.fontSize(22)
					.fillColor(BLUE)
					.text(printable(f.value), x, y, { width: colW - 10, lineBreak: false });
				doc
					.font(SANS)
					.fontSize(10)
					.fillColor('#333')
					.text(printable(f.label), x, y + 30, { width: colW - 10 });
			});

			// Contents: filled once the sections' pages are known.
			doc.addPage();
			const contentsPage = doc.bufferedPageRange().count - 1;
			const starts: number[] = [];

			for (const section of data.sections) {
				doc.addPage();
				starts.push(doc.bufferedPageRange().count);
				doc.font(SANS_BOLD).fontSize(18).fillColor(BLUE).text(printable(section.title), left, doc.page.margins.top, { width });
				doc.moveDown(0.5);
				for (const b of section.blocks) {
					doc.fillColor('#000');
					if (b.kind === 'subheading' && b.text) {
						ensure(40);
						doc.moveDown(0.4).font(SANS_BOLD).fontSize(12).text(printable(b.text), left, doc.y, along(b.text, { width }));
					} else if (b.kind === 'text' && b.text) {
						for (const para of b.text.split(/\n+/)) {
							ensure(16);
							doc
								.font(SANS)
								.fontSize(10)
								.text(printable(para), left, doc.y, along(para, { width, paragraphGap: 4 }));
						}
					} else if (b.kind === 'list' && b.items?.length) {
						for (const item of b.items) {
							ensure(16);
							doc
								.font(SANS)
								.fontSize(10)
								.text(`•  ${printable(item)}`, left + 8, doc.y, along(item, { width: width - 8 }));
						}
						doc.moveDown(0.3);
					} else if (b.kind === 'figures' && b.figures?.length) {
						for (const f of b.figures) {
							ensure(16);
							doc
								.font(SANS_BOLD)
								.fontSize(10)
								.text(`${printable(f.label)} : `, left, doc.y, { continued: true, width });
							doc.font(SANS).text(printable(f.value));
						}
						doc.moveDown(0.3);
					} else if (b.kind === 'bars' && b.bars?.length) {
						const max = Math.max(1, ...b.bars.map((x) => x.value));
						const labelW = 170;
						const barMax = width - labelW - 40;
						for (const bar of b.bars) {
							ensure(18);
							const y = doc.y;
							doc
								.font(SANS)
								.fontSize(9)
								.fillColor('#000')
								.text(printable(bar.label), left, y + 2, {
									width: labelW - 6,
									lineBreak: false,
									ellipsis: true
								});
							const w = Math.max(bar.value > 0 ? 1 : 0, (bar.value / max) * barMax);
							doc.rect(left + labelW, y, w, 12).fill(BLUE);
							doc.fillColor('#000').text(String(bar.value), left + labelW + w + 4, y + 2, { lineBreak: false });
							doc.y = y + 16;
						}
						doc.moveDown(0.4);
					}
				}
			}

			// Contents, then footers with page numbers on every page.
			doc.switchToPage(contentsPage);
			doc.font(SANS_BOLD).fontSize(18).fillColor(BLUE).text(printable(data.labels.contents), left, doc.page.margins.top, { width });
			doc.moveDown(0.8);
			data.sections.forEach((s, i) => {
				const y = doc.y;
				doc
					.font(SANS)
					.fontSize(12)
					.fillColor('#000')
					.text(printable(s.title), left, y, { width: width - 40, lineBreak: false });
				doc.text(String(starts[i]), left + width - 40, y, { width: 40, align: 'right', lineBreak: false });
				doc.y = y + 22;
			});
			const range = doc.bufferedPageRange();
			for (let i = range.start; i < range.start + range.count; i++) {
				doc.switchToPage(i);
				const y = doc.page.height - doc.page.margins.bottom - 6;
				doc.font(SANS).fontSize(8).fillColor('#333');
				doc.text(printable(data.labels.footer), left, y, { width: width / 2, lineBreak: false });
				doc.text(
					printable(data.labels.page.replace('{{n}}', String(i + 1)).replace('{{total}}', String(range.count))),
					left + width / 2,
					y,
					{
						width: width / 2,
						align: 'right',
						lineBreak: false
					}
				);
			}
		},
		{ title: `${data.labels.report} – ${data.title}`, subject: data.subtitle }
	);
}

export interface Certificate {
	name: string;
	structure: string;
	eventTitle: string;
	dates: string;
	place: string;
	halfDays: string[];
	sessions: string[];
	hours: string;
	signatory: string;
	signature: Buffer | null;
	issuedOn: string;
}

/** Certificates of attendance, one A4 page each, in one PDF. */
export function certificatesPdf(certificates: Certificate[], t: Translate): Promise<Buffer> {
	return render(
		(doc) => {
			const left = doc.page.margins.left;
			const width = doc.page.width - left - doc.page.margins.right;
			certificates.forEach((c, i) => {
				if (i > 0) doc.addPage();
				doc.rect(0, 0, doc.page.width, 12).fill(BLUE);
				doc
					.fillColor('#000')
					.font(SANS_BOLD)
					.fontSize(22)
					.text(printable(t('reports.certificate.title')), left, 80, { width, align: 'center' });
				doc.moveDown(2);
				const line = (label: string, value: string) => {
					doc
						.font(SANS_BOLD)
						.fontSize(11)
						.text(`${printable(label)} : `, left, doc.y, { continued: true, width });
					doc.font(SANS).text(printable(value || '—'), along(value));
					doc.moveDown(0.3);
				};
				doc
					.font(SANS)
					.fontSize(12)
					.text(printable(t('reports.certificate.intro')), left, doc.y, { width });
				doc.moveDown(1);
				line(t('reports.certificate.name'), c.name);
				line(t('reports.certificate.structure'), c.structure);
				line(t('reports.certificate.event'), c.eventTitle);
				line(t('reports.certificate.dates'), c.dates);
				line(t('reports.certificate.place'), c.place);
				line(t('reports.certificate.halfDays'), c.halfDays.join(', '));
				line(t('reports.certificate.hours'), c.hours);
				if (c.sessions.length) {
					doc
						.font(SANS_BOLD)
						.fontSize(11)
						.text(printable(t('reports.certificate.sessions')), left, doc.y, { width });
					for (const s of c.sessions)
						doc
							.font(SANS)
							.fontSize(10)
							.text(`•  ${printable(s)}`, left + 8, doc.y, along(s, { width: width - 8 }));
				}
				doc.moveDown(2);
				doc
					.font(SANS)
					.fontSize(11)
					.text(printable(t('reports.certificate.issued', { date: c.issuedOn })), left, doc.y, { width });
				doc.moveDown(0.5);
				doc.font(SANS_BOLD).text(printable(c.signatory || t('reports.certificate.organisers')), left, doc.y, { width });
				if (c.signature) {
					try {
						doc.image(c.signature, left, doc.y + 6, { fit: [180, 70] });
					} catch {
						// An unreadable image leaves the certificate without signature rather than failing.
					}
				}
			});
		},
		{ title: t('reports.certificate.title'), subject: certificates[0]?.eventTitle ?? '' }
	);
}

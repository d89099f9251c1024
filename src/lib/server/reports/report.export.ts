/**
 * The published report's open data: its aggregate figures only (no name, no address, no quote,
 * no session content), as JSON and CSV under the Licence Ouverte 2.0; and its PDF. Pure apart
 * from the PDF's drawing.
 */
import { tableFile, type ExportFile } from '../registrations/export-file.ts';
import type { CsvOptions } from '../csv.ts';
import type { Lang } from '../../i18n/index.ts';
import { reportPdfData } from './report.present.ts';
import { reportPdf } from './report.pdf.ts';
import type { ReportView } from './report.schema.ts';

export const LICENCE = { name: 'Licence Ouverte / Open Licence 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' };

/** The aggregate figures of a report, as published. */
export function openDataOf(r: ReportView, publicUrl: string) {
	return {
		licence: LICENCE,
		source: `${publicUrl}/e/${r.event.slug}/bilan`,
		event: {
			slug: r.event.slug,
			title: r.event.title,
			startsAt: r.event.startsAt,
			endsAt: r.event.endsAt,
			halfDays: r.event.halfDays,
			format: r.event.format,
			commune: r.event.venue.commune
		},
		preparation: {
			startedOn: r.preparation.startedOn,
			months: r.preparation.months,
			hours: r.preparation.hours,
			meetings: r.preparation.meetings,
			people: r.preparation.people
		},
		budget: { chargesCents: r.budget.chargesCents, produitsCents: r.budget.produitsCents, balanced: r.budget.balanced },
		programme: { sessions: r.programme.sessions, rooms: r.programme.rooms, speakers: r.programme.speakers, byFormat: r.programme.byFormat },
		participation: {
			registered: r.participation.registered,
			attended: r.participation.attended,
			structures: r.participation.structures,
			elus: r.participation.elus,
			byStructureType: r.participation.byStructureType,
			byRole: r.participation.byRole,
			byDepartement: r.participation.byDepartement,
			perHalfDay: r.participation.perHalfDay,
			perSession: r.participation.perSession.map((s) => ({ title: s.title, registered: s.registered, attended: s.attended }))
		},
		satisfaction: r.satisfaction
			? {
					invited: r.satisfaction.invited,
					responses: r.satisfaction.responses,
					responseRate: r.satisfaction.responseRate,
					questions: r.satisfaction.questions.map((q) => ({
						label: q.label,
						type: q.type,
						count: q.count,
						average: q.average ?? null,
						distribution: q.distribution
					}))
				}
			: null
	};
}

/** The same figures, one row per indicator and key: `indicateur;clé;valeur`. */
export async function openDataCsv(
	r: ReportView,
	publicUrl: string,
	headers: [string, string, string],
	csv?: CsvOptions
): Promise<ExportFile> {
	const data = openDataOf(r, publicUrl);
	const rows: unknown[][] = [];
	const flat = (prefix: string, value: unknown) => {
		if (value === null || value === undefined) return;
		if (typeof value === 'object' && !Array.isArray(value)) {
			for (const [k, v] of Object.entries(value)) {
				if (v !== null && typeof v === 'object') flat(`${prefix}.${k}`, v);
				else rows.push([prefix, k, v]);
			}
		} else if (Array.isArray(value)) value.forEach((v, i) => flat(`${prefix}.${i}`, v));
	};
	for (const key of ['event', 'preparation', 'budget', 'programme', 'participation', 'satisfaction'] as const) flat(key, data[key]);
	rows.push(['licence', 'name', LICENCE.name], ['licence', 'url', LICENCE.url]);
	return tableFile('csv', 'bilan', headers, rows, `bilan-${r.event.slug}`, csv);
}

/** The report as an A4 PDF (the sections the organisers chose). */
export async function reportPdfFile(r: ReportView, lang: Lang, showPerSession: boolean): Promise<ExportFile> {
	const body = await reportPdf(reportPdfData(r, { lang, showPerSession, onlyShown: true }));
	return { filename: `bilan-${r.event.slug}.pdf`, contentType: 'application/pdf', body };
}

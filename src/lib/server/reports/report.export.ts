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
import type { PublicReportView, ReportSection } from './report.schema.ts';

export const LICENCE = { name: 'Licence Ouverte / Open Licence 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' };

/**
 * The aggregate figures of a report, as published: a section the organisers hid is null here
 * too (checked again from `hiddenSections`, whichever version is given), per-session figures
 * only when the report holds them (the public version drops them unless chosen).
 */
export function openDataOf(r: PublicReportView, publicUrl: string) {
	const hidden = new Set(r.hiddenSections);
	const shown = <T>(section: ReportSection, value: T | null): T | null => (hidden.has(section) ? null : value);
	const framing = !hidden.has('framing');
	const preparation = shown('preparation', r.preparation);
	const budget = shown('budget', r.budget);
	const programme = shown('programme', r.programme);
	const participation = shown('participation', r.participation);
	const satisfaction = shown('satisfaction', r.satisfaction);
	return {
		licence: LICENCE,
		source: `${publicUrl}/e/${r.event.slug}/bilan`,
		event: {
			slug: r.event.slug,
			title: r.event.title,
			startsAt: r.event.startsAt,
			endsAt: r.event.endsAt,
			halfDays: r.event.halfDays,
			format: framing ? r.event.format : null,
			commune: framing ? (r.event.venue?.commune ?? null) : null
		},
		preparation: preparation && {
			startedOn: preparation.startedOn,
			months: preparation.months,
			hours: preparation.hours,
			meetings: preparation.meetings,
			people: preparation.people
		},
		budget: budget && { chargesCents: budget.chargesCents, produitsCents: budget.produitsCents, balanced: budget.balanced },
		programme: programme && {
			sessions: programme.sessions,
			rooms: programme.rooms,
			speakers: programme.speakers,
			byFormat: programme.byFormat
		},
		participation: participation && {
			registered: participation.registered,
			attended: participation.attended,
			structures: participation.structures,
			elus: participation.elus,
			byStructureType: participation.byStructureType,
			byRole: participation.byRole,
			byDepartement: participation.byDepartement,
			perHalfDay: participation.perHalfDay,
			perSession: participation.perSession.map((s) => ({ title: s.title, registered: s.registered, attended: s.attended }))
		},
		satisfaction: satisfaction && {
			invited: satisfaction.invited,
			responses: satisfaction.responses,
			responseRate: satisfaction.responseRate,
			overall: satisfaction.overall,
			questions: satisfaction.questions.map((q) => ({
				label: q.label,
				type: q.type,
				count: q.count,
				average: q.average ?? null,
				distribution: q.distribution
			})),
			sessions: satisfaction.sessions.map((s) => ({ title: s.title, count: s.count, average: s.average }))
		}
	};
}

/** The same figures, one row per indicator and key: `indicateur;clé;valeur`. */
export async function openDataCsv(
	r: PublicReportView,
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
export async function reportPdfFile(r: PublicReportView, lang: Lang, showPerSession: boolean): Promise<ExportFile> {
	const body = await reportPdf(reportPdfData(r, { lang, showPerSession, onlyShown: true }));
	return { filename: `bilan-${r.event.slug}.pdf`, contentType: 'application/pdf', body };
}

/**
 * The report as sections of blocks (texts, figures, lists, bar charts), in the seeds' order and
 * in the reader's language: one layout for the page, the public page and the PDF. Missing data
 * is said in words (« Pas encore de questionnaire »), never as NaN, undefined or a division by zero.
 */
import { translator, type Lang } from '../../i18n/index.ts';
import { formatDay, formatRange } from '../../time.ts';
import { halfDayLabel } from '../registrations/half-days.ts';
import type { PdfBlock, PdfSection, ReportPdf } from './report.pdf.ts';
import { REPORT_SECTIONS, type PublicReportView, type ReportSection } from './report.schema.ts';

type Report = PublicReportView;

export function euros(cents: number, lang: Lang): string {
	return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
		Math.round(cents / 100)
	);
}

function percent(value: number | null, lang: Lang): string {
	if (value === null || !Number.isFinite(value)) return '—';
	return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

function number(value: number, lang: Lang): string {
	return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(value);
}

export interface PresentOptions {
	lang: Lang;
	showPerSession: boolean;
	/** The public page hides the sections the organisers chose to hide; their page shows all, marked. */
	onlyShown: boolean;
}

/** A survey answer as a reader reads it: yes/no in words, in the reader's language. */
function answerLabel(type: string, value: string, t: (key: string) => string): string {
	if (type !== 'yesno') return value;
	if (value === 'true') return t('surveys.results.yes');
	if (value === 'false') return t('surveys.results.no');
	return value;
}

/**
 * The report's sections, each with its blocks, for display. A section whose data is absent (the
 * public version of a section the organisers hid) is left out whatever `onlyShown` says.
 */
export function presentReport(r: Report, o: PresentOptions): PdfSection[] {
	const t = translator(o.lang);
	const lang = o.lang;
	const k = (key: string, params?: Record<string, unknown>) => t(`reports.${key}`, params);
	const own = (s: ReportSection): PdfBlock[] => (r.texts[s] ? [{ kind: 'text', text: r.texts[s] }] : []);
	// Sixty sessions share a handful of formats and time slots: each label is worked out once.
	const memo = new Map<string, string>();
	const once = (key: string, make: () => string) => {
		let v = memo.get(key);
		if (v === undefined) memo.set(key, (v = make()));
		return v;
	};
	const L = {
		format: k('programme.format'),
		when: k('programme.when'),
		room: k('programme.room'),
		speakersOf: k('programme.speakersOf'),
		recording: k('programme.recording')
	};
	const venue = r.event.venue;
	const format = r.event.format;
	const { preparation, budget, programme, participation } = r;
	// Each section's blocks are made only when it is shown: the public version has no data for the others.
	const sections: Record<ReportSection, () => PdfBlock[] | null> = {
		framing: () => [
			...own('framing'),
			{
				kind: 'figures',
				figures: [
					{ label: k('framing.organisers'), value: r.event.organisers.map((x) => x.name).join(', ') || '—' },
					{ label: k('framing.themes'), value: r.event.themes.join(' · ') || '—' },
					{
						label: k('framing.venue'),
						value: (venue && [venue.name, venue.address, venue.commune].filter(Boolean).join(', ')) || '—'
					},
					{ label: k('framing.format'), value: format ? t(`event.format.${format}`) : '—' },
					{ label: k('framing.dates'), value: formatRange(r.event.startsAt, r.event.endsAt, lang) },
					{ label: k('framing.duration'), value: r.event.duration || '—' },
					{ label: k('framing.edition'), value: r.event.edition ? String(r.event.edition) : '—' }
				]
			}
		],
		preparation: () =>
			preparation && [
				...own('preparation'),
				{
					kind: 'figures',
					figures: [
						{ label: k('preparation.startedOn'), value: formatDay(`${preparation.startedOn}T12:00:00Z`, lang) },
						{ label: k('preparation.months'), value: k('preparation.monthsValue', { count: preparation.months }) },
						{ label: k('preparation.hours'), value: number(preparation.hours, lang) },
						{ label: k('preparation.meetings'), value: String(preparation.meetings) },
						{ label: k('preparation.people'), value: String(preparation.people) }
					]
				},
				...(preparation.timeline.length
					? [
							{ kind: 'subheading', text: k('preparation.timeline') } as PdfBlock,
							{
								kind: 'list',
								items: preparation.timeline.map((e) => `${formatDay(`${e.date}T12:00:00Z`, lang)} — ${e.label}`)
							} as PdfBlock
						]
					: [{ kind: 'text', text: k('preparation.noTimeline') } as PdfBlock])
			],
		budget: () =>
			budget && [
				...own('budget'),
				...(budget.lines === 0
					? [{ kind: 'text', text: k('budget.none') } as PdfBlock]
					: [
							{
								kind: 'figures',
								figures: [
									{ label: k('budget.charges'), value: euros(budget.chargesCents, lang) },
									{ label: k('budget.produits'), value: euros(budget.produitsCents, lang) },
									{ label: k('budget.chargesActual'), value: euros(budget.chargesActualCents, lang) },
									{ label: k('budget.produitsActual'), value: euros(budget.produitsActualCents, lang) },
									{
										label: k('budget.balance'),
										value: budget.balanced ? k('budget.balanced') : k('budget.gap', { amount: euros(budget.balanceCents, lang) })
									}
								]
							} as PdfBlock,
							...(budget.funders.length
								? [
										{ kind: 'subheading', text: k('budget.funders') } as PdfBlock,
										{
											kind: 'list',
											items: budget.funders.map((f) => `${t(`budget.funders.${f.funder}`)} : ${euros(f.plannedCents, lang)}`)
										} as PdfBlock
									]
								: [])
						])
			],
		programme: () =>
			programme && [
				...own('programme'),
				{
					kind: 'figures',
					figures: [
						{ label: k('programme.sessions'), value: String(programme.sessions) },
						{ label: k('programme.rooms'), value: String(programme.rooms) },
						{ label: k('programme.speakers'), value: String(programme.speakers) }
					]
				},
				...(programme.sessions === 0 ? [{ kind: 'text', text: k('programme.none') } as PdfBlock] : []),
				...programme.items.flatMap((s): PdfBlock[] => [
					{ kind: 'subheading', text: s.title },
					{
						kind: 'figures',
						figures: [
							{ label: L.format, value: once(`f:${s.format}`, () => t(`programme.format.${s.format}`)) },
							{ label: L.when, value: once(`w:${s.startsAt}:${s.endsAt}`, () => formatRange(s.startsAt, s.endsAt, lang)) },
							{ label: L.room, value: s.room ?? '—' },
							{
								label: L.speakersOf,
								value: s.speakers.map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name)).join(', ') || '—'
							},
							...(s.recordingUrl ? [{ label: L.recording, value: s.recordingUrl }] : [])
						]
					},
					...(s.description ? [{ kind: 'text', text: s.description } as PdfBlock] : []),
					...(s.resources.length
						? [{ kind: 'list', items: s.resources.map((x) => (x.url ? `${x.title} — ${x.url}` : x.title)) } as PdfBlock]
						: []),
					...s.synthesis.flatMap((sec): PdfBlock[] => [
						{ kind: 'text', text: sec.title },
						{ kind: 'list', items: sec.points }
					])
				])
			],
		participation: () => participation && participationBlocks(r, participation, o, own('participation')),
		satisfaction: () => satisfactionBlocks(r, o, own('satisfaction')),
		verbatims: () => [
			...own('verbatims'),
			r.verbatims.length ? { kind: 'list', items: r.verbatims.map((v) => `« ${v} »`) } : { kind: 'text', text: k('verbatims.none') }
		],
		review: () => [
			...own('review'),
			{ kind: 'subheading', text: k('review.toImprove') },
			r.review.toImprove.length
				? { kind: 'list', items: r.review.toImprove.map((x) => `${x.theme} : ${x.text}`) }
				: { kind: 'text', text: k('review.empty') },
			{ kind: 'subheading', text: k('review.toKeep') },
			r.review.toKeep.length
				? { kind: 'list', items: r.review.toKeep.map((x) => `${x.theme} : ${x.text}`) }
				: { kind: 'text', text: k('review.empty') }
		],
		contacts: () => [
			...own('contacts'),
			r.event.organisers.length
				? { kind: 'list', items: r.event.organisers.map((x) => `${x.name} — ${t(`event.organiserRole.${x.role}`)}`) }
				: { kind: 'text', text: '—' }
		]
	};
	const hidden = new Set(r.hiddenSections);
	const out: PdfSection[] = REPORT_SECTIONS.filter((s) => !(o.onlyShown && hidden.has(s))).flatMap((key) => {
		const blocks = sections[key]();
		return blocks ? [{ key, title: k(`section.${key}`), blocks }] : [];
	});
	return r.previousGroups?.length ? [...out, previousGroupsSection(r.previousGroups, t)] : out;
}

/** « Suites de l'édition précédente »: the groups of the edition this one was prepared from, public fields only. */
function previousGroupsSection(groups: Report['previousGroups'], t: (key: string, params?: Record<string, unknown>) => string): PdfSection {
	return {
		key: 'previousGroups',
		title: t('groups.previous.title'),
		blocks: groups.flatMap((g): PdfBlock[] => [
			{ kind: 'subheading', text: g.title },
			{
				kind: 'figures',
				figures: [
					{ label: t('groups.fields.status'), value: t(`groups.status.${g.status}`) },
					{
						label: t('groups.fields.nextStatus'),
						value: g.nextStatus ? t(`groups.nextStatus.${g.nextStatus}`) : t('groups.fields.nextStatusNone')
					}
				]
			},
			...(g.purpose ? [{ kind: 'text', text: g.purpose } as PdfBlock] : []),
			...(g.outputs ? [{ kind: 'text', text: `${t('groups.previous.outputs')} : ${g.outputs}` } as PdfBlock] : [])
		])
	};
}

function satisfactionBlocks(r: Report, o: PresentOptions, own: PdfBlock[]): PdfBlock[] {
	const t = translator(o.lang);
	const lang = o.lang;
	const k = (key: string, params?: Record<string, unknown>) => t(`reports.${key}`, params);
	const s = r.satisfaction;
	const before = r.previousEdition?.figures.satisfaction ?? null;
	// The overall rating, compared with the previous edition's as the participation figures are.
	const overall =
		s?.overall != null || before !== null
			? [
					{
						label: k('satisfaction.overall'),
						value: `${s?.overall != null ? number(s.overall, lang) : '—'}${
							before !== null ? ` (${k('participation.previous', { value: number(before, lang) })})` : ''
						}`
					}
				]
			: [];
	if (!s)
		return [
			...own,
			...(overall.length ? [{ kind: 'figures', figures: overall } as PdfBlock] : []),
			{ kind: 'text', text: k('satisfaction.none') }
		];
	const perSession = o.showPerSession ? s.sessions.filter((x) => x.average != null) : [];
	return [
		...own,
		{
			kind: 'figures',
			figures: [
				{ label: k('satisfaction.responses'), value: `${s.responses} / ${s.invited}` },
				{ label: k('satisfaction.rate'), value: percent(s.responseRate, lang) },
				...overall
			]
		},
		...s.questions
			.filter((q) => Object.keys(q.distribution).length > 0)
			.map((q): PdfBlock => ({
				kind: 'bars',
				text: q.average != null ? `${q.label} (${k('satisfaction.average', { value: number(q.average, lang) })})` : q.label,
				bars: Object.entries(q.distribution).map(([label, value]) => ({ label: answerLabel(q.type, label, t), value: Number(value) }))
			})),
		...(perSession.length
			? [
					{
						kind: 'bars',
						text: k('satisfaction.perSession'),
						bars: perSession.map((x) => ({ label: x.title, value: Math.round((x.average ?? 0) * 10) / 10 }))
					} as PdfBlock
				]
			: [])
	];
}

function participationBlocks(r: Report, p: NonNullable<Report['participation']>, o: PresentOptions, own: PdfBlock[]): PdfBlock[] {
	const t = translator(o.lang);
	const k = (key: string, params?: Record<string, unknown>) => t(`reports.${key}`, params);
	const prev = r.previousEdition;
	const vs = (now: number, before: number | null | undefined) =>
		prev && before != null ? ` (${k('participation.previous', { value: before })})` : '';
	const blocks: PdfBlock[] = [
		...own,
		{
			kind: 'figures',
			figures: [
				{ label: k('participation.registered'), value: `${p.registered}${vs(p.registered, prev?.figures.registered)}` },
				{ label: k('participation.attended'), value: `${p.attended}${vs(p.attended, prev?.figures.attended)}` },
				{ label: k('participation.structures'), value: `${p.structures}${vs(p.structures, prev?.figures.structures)}` },
				{ label: k('participation.elus'), value: `${p.elus}${vs(p.elus, prev?.figures.elus)}` },
				{ label: k('participation.duration'), value: r.event.duration || '—' }
			]
		}
	];
	if (p.registered === 0 && p.attended === 0) return [...blocks, { kind: 'text', text: k('participation.none') }];
	if (p.attended === 0) blocks.push({ kind: 'text', text: k('participation.noCheckin') });
	const entries = (rec: Record<string, number>, label: (key: string) => string) =>
		Object.entries(rec)
			.filter(([, v]) => v > 0)
			.map(([key, value]) => ({ label: label(key), value }));
	blocks.push(
		{
			kind: 'bars',
			text: k('participation.byStructureType'),
			bars: entries(p.byStructureType, (x) => t(`participants.structureType.${x}`))
		},
		{ kind: 'bars', text: k('participation.byRole'), bars: entries(p.byRole, (x) => t(`participants.role.${x}`)) },
		{ kind: 'bars', text: k('participation.byDepartement'), bars: entries(p.byDepartement, (x) => x) },
		{
			kind: 'bars',
			text: k('participation.perHalfDay'),
			bars: p.perHalfDay.map((h) => ({ label: halfDayLabel(h.halfDay, o.lang), value: h.attended }))
		}
	);
	if (o.showPerSession && p.perSession.length)
		blocks.push({
			kind: 'bars',
			text: k('participation.perSession'),
			bars: p.perSession.map((s) => ({ label: s.title, value: s.attended }))
		});
	return blocks.filter((b) => b.kind !== 'bars' || (b.bars ?? []).some((x) => x.value > 0));
}

/** The cover and sections of the PDF. */
export function reportPdfData(r: Report, o: PresentOptions): ReportPdf {
	const t = translator(o.lang);
	const k = (key: string, params?: Record<string, unknown>) => t(`reports.${key}`, params);
	// The cover repeats figures of three sections: only of those shown.
	const hidden = new Set(r.hiddenSections);
	const p = hidden.has('participation') ? null : r.participation;
	const programme = hidden.has('programme') ? null : r.programme;
	const preparation = hidden.has('preparation') ? null : r.preparation;
	const commune = hidden.has('framing') ? null : r.event.venue?.commune;
	return {
		title: r.event.title,
		subtitle: [formatRange(r.event.startsAt, r.event.endsAt, o.lang), commune].filter(Boolean).join(' · '),
		cover: [
			...(p
				? [
						{ label: k('participation.attended'), value: String(p.attended) },
						{ label: k('participation.structures'), value: String(p.structures) },
						{ label: k('participation.elus'), value: String(p.elus) }
					]
				: []),
			...(programme ? [{ label: k('programme.sessions'), value: String(programme.sessions) }] : []),
			...(preparation ? [{ label: k('preparation.hours'), value: number(preparation.hours, o.lang) }] : []),
			{ label: k('framing.duration'), value: r.event.duration || '—' }
		],
		sections: presentReport(r, { ...o, onlyShown: true }),
		labels: { report: k('title'), contents: k('pdf.contents'), page: k('pdf.page'), footer: k('pdf.footer') }
	};
}

/**
 * The national view: every public local NEC of the instance, filtered, for the national page,
 * its API and the open-data feeds; and the cross-event figures, computed at read time from the
 * events' registrations and check-ins in a constant number of queries.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { toIso } from '../db/time.ts';
import { parseOrThrow } from '../validation.ts';
import { listOrganisersByEvent, type EventRow, type OrganiserRow } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { findDepartement, listDepartements } from '../territory/territory.ts';
import { toParisIso } from '../../time.ts';
import { nationalFilterSchema, type NationalEvent, type NationalFigures, type NationalFilter } from './national.schema.ts';
import { listNationalEventRows, listNationalEventStarts } from './national.queries.ts';
import { countStoredStructures, findFigureCache, listEventsWithFigures, storeFigureCache } from './event-figures.queries.ts';
import { foldText, refreshEventFigures } from './event-figures.service.ts';
import { listRemoteEventRows, type RemoteEventRow } from '../federation/federation.queries.ts';

const require = createRequire(import.meta.url);
let regions: { code: string; name: string }[] | null = null;

/** Régions of the official list (INSEE COG), in code order. */
export function listRegions(): { code: string; name: string }[] {
	if (!regions) {
		const raw = require('@etalab/decoupage-administratif/data/regions.json') as { code: string; nom: string }[];
		regions = raw.map((r) => ({ code: r.code, name: r.nom })).sort((a, b) => a.code.localeCompare(b.code));
	}
	return regions;
}

export function regionOf(departement: string | null): string | null {
	return departement ? (findDepartement(departement)?.region ?? null) : null;
}

/** Paris's 1 January of `year` as a UTC instant (Paris is UTC+1 in winter). */
function yearStart(year: number): string {
	return new Date(`${year}-01-01T00:00:00+01:00`).toISOString();
}

/** The year (Paris) an event starts in. */
export function parisYear(iso: string): number {
	return Number(toParisIso(iso).slice(0, 4));
}

/** Folded text: "Médiation numérique" and "mediation  numerique" are one axis. */
export const foldAxis = foldText;

/** Parses query parameters (a URLSearchParams or an object) into filters; bad values are a ValidationError. */
export function parseNationalFilter(input: URLSearchParams | Record<string, unknown>): NationalFilter {
	const obj = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
	const known = ['year', 'region', 'departement', 'axis', 'format', 'organiserType', 'source'];
	return parseOrThrow(nationalFilterSchema, Object.fromEntries(Object.entries(obj).filter(([k]) => known.includes(k))));
}

function departementsOf(filter: NationalFilter): string[] | undefined {
	if (filter.region)
		return listDepartements()
			.filter((d) => d.region === filter.region && (!filter.departement || d.code === filter.departement))
			.map((d) => d.code);
	return filter.departement ? [filter.departement] : undefined;
}

function matchesAxis(filter: NationalFilter, themes: string): boolean {
	if (!filter.axis) return true;
	const axis = foldAxis(filter.axis);
	return (JSON.parse(themes) as string[]).some((t) => foldAxis(t) === axis);
}

async function loadRows(ctx: ServiceContext, filter: NationalFilter): Promise<EventRow[]> {
	const rows = await listNationalEventRows(ctx.db, {
		from: filter.year ? yearStart(filter.year) : undefined,
		before: filter.year ? yearStart(filter.year + 1) : undefined,
		departements: departementsOf(filter),
		format: filter.format,
		organiserType: filter.organiserType
	});
	return rows.filter((r) => matchesAxis(filter, r.themes));
}

/** Events read from followed instances (not when asked for this instance only, nor by organiser type: feeds do not say it). */
async function loadRemoteRows(ctx: ServiceContext, filter: NationalFilter): Promise<(RemoteEventRow & { source: string })[]> {
	if (filter.source === 'local' || filter.organiserType) return [];
	const rows = await listRemoteEventRows(ctx.db, {
		from: filter.year ? yearStart(filter.year) : undefined,
		before: filter.year ? yearStart(filter.year + 1) : undefined,
		departements: departementsOf(filter),
		format: filter.format
	});
	return rows.filter((r) => matchesAxis(filter, r.themes));
}

function fromRemote(r: RemoteEventRow & { source: string }): NationalEvent {
	return {
		slug: r.url.split('/').pop() ?? r.url,
		url: r.url,
		title: r.title,
		startsAt: toParisIso(toIso(r.starts_at)),
		endsAt: toParisIso(toIso(r.ends_at)),
		format: r.format as NationalEvent['format'],
		commune: r.commune,
		departement: r.departement,
		region: regionOf(r.departement),
		themes: JSON.parse(r.themes) as string[],
		organisers: (JSON.parse(r.organisers) as string[]).map((name) => ({ name, type: 'autre', role: 'lead' })),
		label: r.label as NationalEvent['label'],
		reportUrl: null,
		source: r.source
	};
}

function toNationalEvent(row: EventRow, organisers: OrganiserRow[], publicUrl: string): NationalEvent {
	return {
		slug: row.slug,
		url: `${publicUrl.replace(/\/$/, '')}/e/${row.slug}`,
		title: row.title,
		startsAt: toParisIso(toIso(row.starts_at)),
		endsAt: toParisIso(toIso(row.ends_at)),
		format: row.format as NationalEvent['format'],
		commune: row.venue_commune,
		departement: row.venue_departement,
		region: regionOf(row.venue_departement),
		themes: JSON.parse(row.themes) as string[],
		organisers: organisers.map((o) => ({ name: o.name, type: o.type, role: o.role })),
		label: row.label_status as NationalEvent['label'],
		reportUrl: null,
		source: 'local'
	};
}

/**
 * Public events (published and archived; never drafts) matching the filters, soonest first, in
 * three queries (events, their organisers, events read from followed instances unless `source=local`). `filter` is validated: see parseNationalFilter.
 */
export async function listNationalEvents(
	ctx: ServiceContext,
	filter: NationalFilter = {}
): Promise<{ items: NationalEvent[]; total: number }> {
	const [rows, remote] = await Promise.all([loadRows(ctx, filter), loadRemoteRows(ctx, filter)]);
	const organisers = await listOrganisersByEvent(
		ctx.db,
		rows.map((r) => r.id)
	);
	const items = [...rows.map((r) => toNationalEvent(r, organisers.get(r.id) ?? [], ctx.publicUrl)), ...remote.map(fromRemote)];
	if (remote.length) items.sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime() || a.url.localeCompare(b.url));
	return { items, total: items.length };
}

/** What the filter form offers: the years with events, régions, départements, axes used. */
export async function listNationalFilterChoices(ctx: ServiceContext) {
	// Only the two columns the choices need (one statement), not whole events.
	const rows = await listNationalEventStarts(ctx.db);
	const years = [...new Set(rows.map((r) => parisYear(toIso(r.starts_at))))].sort((a, b) => b - a);
	const axes = new Map<string, string>();
	for (const r of rows) for (const t of JSON.parse(r.themes) as string[]) if (!axes.has(foldAxis(t))) axes.set(foldAxis(t), t);
	return {
		years,
		regions: listRegions(),
		departements: listDepartements().map((d) => ({ code: d.code, name: d.name, region: d.region })),
		axes: [...axes.values()].sort((a, b) => a.localeCompare(b, 'fr'))
	};
}

/**
 * Distinct structures over these events: the stored count when none of their figures changed
 * since (same events, same counting times), else counted again over the stored keys and kept.
 */
async function countStructures(
	ctx: ServiceContext,
	scope: string,
	rows: { id: string; computed_at: string | Date | null }[]
): Promise<number> {
	const fingerprint = createHash('sha256')
		.update(rows.map((r) => `${r.id}@${r.computed_at ? toIso(r.computed_at) : ''}`).join('\n'))
		.digest('base64url');
	const cached = await findFigureCache(ctx.db, scope);
	if (cached?.fingerprint === fingerprint) return Number(cached.structures);
	const n = await countStoredStructures(
		ctx.db,
		rows.map((r) => r.id)
	);
	await storeFigureCache(ctx.db, scope, fingerprint, n);
	return n;
}

/**
 * The cross-event figures of public events (one year, or all): events, attended people (checked
 * in at least once), distinct structures among them, élu·es, départements covered, by région and
 * by year, formats and axes. Read from the per-event figures (event-figures.service.ts): two
 * statements when nothing changed, and a refresh of only the events marked stale otherwise.
 * Events whose registrations were purged keep their frozen figures.
 */
export async function getNationalFigures(ctx: ServiceContext, filter: Pick<NationalFilter, 'year'> = {}): Promise<NationalFigures> {
	const range = { from: filter.year ? yearStart(filter.year) : undefined, before: filter.year ? yearStart(filter.year + 1) : undefined };
	let rows = await listEventsWithFigures(ctx.db, range);
	const stale = rows.filter((r) => r.frozen_at === null && (r.stale === null || Number(r.stale) === 1)).map((r) => r.id);
	if (stale.length) {
		await refreshEventFigures(ctx.db, stale);
		rows = await listEventsWithFigures(ctx.db, range);
	}
	const structures = await countStructures(ctx, filter.year ? String(filter.year) : 'all', rows);
	const figures: NationalFigures = {
		year: filter.year ?? null,
		events: rows.length,
		participants: 0,
		structures,
		elus: 0,
		departementsCovered: 0,
		departements: {},
		byRegion: {},
		byYear: {},
		formats: {},
		axes: []
	};
	const axes = new Map<string, { axis: string; events: number }>();
	for (const r of rows) {
		const a = { participants: Number(r.participants ?? 0), elus: Number(r.elus ?? 0) };
		figures.participants += a.participants;
		figures.elus += a.elus;
		const year = String(parisYear(toIso(r.starts_at)));
		const y = (figures.byYear[year] ??= { events: 0, participants: 0, elus: 0 });
		y.events++;
		y.participants += a.participants;
		y.elus += a.elus;
		figures.formats[r.format] = (figures.formats[r.format] ?? 0) + 1;
		if (r.venue_departement) {
			figures.departements[r.venue_departement] = (figures.departements[r.venue_departement] ?? 0) + 1;
			const region = regionOf(r.venue_departement);
			if (region) {
				const g = (figures.byRegion[region] ??= { events: 0, participants: 0 });
				g.events++;
				g.participants += a.participants;
			}
		}
		for (const t of new Set((JSON.parse(r.themes) as string[]).map((x) => x.trim()))) {
			const k = foldAxis(t);
			const entry = axes.get(k) ?? { axis: t, events: 0 };
			entry.events++;
			axes.set(k, entry);
		}
	}
	figures.departementsCovered = Object.keys(figures.departements).length;
	figures.axes = [...axes.values()].sort((a, b) => b.events - a.events || a.axis.localeCompare(b.axis, 'fr'));
	return figures;
}

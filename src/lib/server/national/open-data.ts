/**
 * The open-data feeds of the public events (iCalendar, schema.org JSON-LD, CSV with its Table
 * Schema, Atom) and of the aggregate figures (CSV), under Licence Ouverte 2.0. Each feed is
 * made from listNationalEvents / getNationalFigures: drafts never appear. An event's public URL
 * is its identifier everywhere. Formats are written by libraries (ical-generator, csv-stringify,
 * feed), never by hand.
 */
import { createHash } from 'node:crypto';
import ical from 'ical-generator';
import { OPEN_DATA, writeCsv, type CsvOptions } from '../csv.ts';
import { Feed } from 'feed';
import { toIso } from '../db/time.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { getNationalFigures, listNationalEvents } from './national.service.ts';
import { findLatestPublicChange } from './national.queries.ts';
import type { NationalEvent, NationalFigures, NationalFilter } from './national.schema.ts';

export const LICENCE_NAME = 'Licence Ouverte / Open Licence version 2.0';
export const LICENCE_URL = 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/';
export const OPEN_DATA_FEEDS = ['events.ics', 'events.json', 'events.csv', 'events.atom', 'figures.csv'] as const;
export type OpenDataFeed = (typeof OPEN_DATA_FEEDS)[number] | 'events.schema.json';

const TYPES: Record<OpenDataFeed, string> = {
	'events.ics': 'text/calendar; charset=utf-8',
	'events.json': 'application/ld+json; charset=utf-8',
	'events.csv': 'text/csv; charset=utf-8',
	'events.schema.json': 'application/json; charset=utf-8',
	'events.atom': 'application/atom+xml; charset=utf-8',
	'figures.csv': 'text/csv; charset=utf-8'
};

export interface FeedFile {
	body: string;
	contentType: string;
	etag: string;
	lastModified: Date;
}

const base = (ctx: ServiceContext) => ctx.publicUrl.replace(/\/$/, '');

/** The CSV columns of events.csv, documented by events.schema.json. */
const EVENT_COLUMNS: {
	name: string;
	title: string;
	description: string;
	type: string;
	example: string;
	value: (e: NationalEvent) => string;
}[] = [
	{
		name: 'id',
		title: 'Identifiant',
		description: 'Adresse publique de l’événement (stable)',
		type: 'string',
		example: 'https://maillage.exemple.fr/e/nec-limousin',
		value: (e) => e.url
	},
	{ name: 'titre', title: 'Titre', description: 'Titre de l’événement', type: 'string', example: 'NEC du Limousin', value: (e) => e.title },
	{
		name: 'debut',
		title: 'Début',
		description: 'Date et heure de début (ISO 8601, heure de Paris)',
		type: 'datetime',
		example: '2027-06-10T09:00:00+02:00',
		value: (e) => e.startsAt
	},
	{
		name: 'fin',
		title: 'Fin',
		description: 'Date et heure de fin (ISO 8601, heure de Paris)',
		type: 'datetime',
		example: '2027-06-11T17:00:00+02:00',
		value: (e) => e.endsAt
	},
	{
		name: 'format',
		title: 'Format',
		description: 'onsite (sur place), online (en ligne) ou hybrid',
		type: 'string',
		example: 'onsite',
		value: (e) => e.format
	},
	{
		name: 'commune',
		title: 'Commune',
		description: 'Commune du lieu (COG)',
		type: 'string',
		example: 'Limoges',
		value: (e) => e.commune ?? ''
	},
	{
		name: 'code_departement',
		title: 'Département',
		description: 'Code du département (COG)',
		type: 'string',
		example: '87',
		value: (e) => e.departement ?? ''
	},
	{
		name: 'code_region',
		title: 'Région',
		description: 'Code INSEE de la région (COG)',
		type: 'string',
		example: '75',
		value: (e) => e.region ?? ''
	},
	{
		name: 'axes',
		title: 'Axes',
		description: 'Axes thématiques, séparés par « | »',
		type: 'string',
		example: 'Médiation numérique|Communs',
		value: (e) => e.themes.join('|')
	},
	{
		name: 'organisateurs',
		title: 'Organisateurs',
		description: 'Structures organisatrices, séparées par « | »',
		type: 'string',
		example: 'Hub Nouvelle-Aquitaine',
		value: (e) => e.organisers.map((o) => o.name).join('|')
	},
	{
		name: 'label',
		title: 'Label NEC',
		description: 'not_requested, requested, granted ou refused',
		type: 'string',
		example: 'granted',
		value: (e) => e.label
	},
	{
		name: 'bilan',
		title: 'Bilan',
		description: 'Adresse du bilan publié, vide sinon',
		type: 'string',
		example: '',
		value: (e) => e.reportUrl ?? ''
	}
];

function fileOf(feed: OpenDataFeed, body: string, lastModified: Date): FeedFile {
	const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
	return { body, contentType: TYPES[feed], etag, lastModified };
}

async function lastChange(ctx: ServiceContext): Promise<Date> {
	const row = await findLatestPublicChange(ctx.db);
	const latest = row?.latest ? new Date(toIso(row.latest as string | Date)) : new Date(0);
	// HTTP dates have whole seconds.
	return new Date(Math.floor(latest.getTime() / 1000) * 1000);
}

function icsOf(events: NationalEvent[], updated: Date): string {
	const cal = ical({
		name: 'Numérique en Commun[s] locaux',
		description: `${LICENCE_NAME} – ${LICENCE_URL}`,
		timezone: 'Europe/Paris',
		prodId: { company: 'Maillage', product: 'national' }
	});
	for (const e of events)
		cal.createEvent({
			id: e.url,
			// A fixed stamp keeps the bytes, hence the ETag, the same until something changes.
			stamp: updated,
			start: new Date(e.startsAt),
			end: new Date(e.endsAt),
			summary: e.title,
			location: e.commune ? `${e.commune} (${e.departement})` : null,
			url: e.url,
			description: [e.organisers.map((o) => o.name).join(', '), e.themes.join(', ')].filter(Boolean).join('\n'),
			categories: e.themes.map((name) => ({ name }))
		});
	return cal.toString();
}

/** An event as schema.org sees it; its public URL is its @id. */
export function schemaOrgEvent(e: NationalEvent) {
	const mode = { onsite: 'OfflineEventAttendanceMode', online: 'OnlineEventAttendanceMode', hybrid: 'MixedEventAttendanceMode' }[e.format];
	return {
		'@type': 'Event',
		'@id': e.url,
		url: e.url,
		name: e.title,
		startDate: e.startsAt,
		endDate: e.endsAt,
		eventStatus: 'https://schema.org/EventScheduled',
		eventAttendanceMode: `https://schema.org/${mode}`,
		keywords: e.themes.join(', '),
		location:
			e.format === 'online'
				? { '@type': 'VirtualLocation', url: e.url }
				: {
						'@type': 'Place',
						name: e.commune ?? '',
						address: {
							'@type': 'PostalAddress',
							addressLocality: e.commune ?? '',
							addressRegion: e.departement ?? '',
							addressCountry: 'FR'
						}
					},
		organizer: e.organisers.map((o) => ({ '@type': 'Organization', name: o.name })),
		// What schema.org has no word for, read back by instances that follow this one.
		additionalProperty: [
			{ '@type': 'PropertyValue', propertyID: 'departement', value: e.departement },
			{ '@type': 'PropertyValue', propertyID: 'region', value: e.region },
			{ '@type': 'PropertyValue', propertyID: 'label', value: e.label }
		]
	};
}

function jsonOf(ctx: ServiceContext, events: NationalEvent[], updated: Date): string {
	return JSON.stringify({
		'@context': 'https://schema.org',
		'@type': 'DataFeed',
		'@id': `${base(ctx)}/events.json`,
		name: 'Numérique en Commun[s] locaux',
		license: LICENCE_URL,
		dateModified: updated.toISOString(),
		dataFeedElement: events.map(schemaOrgEvent)
	});
}

function csvOf(events: NationalEvent[], options: CsvOptions): string {
	const header = EVENT_COLUMNS.map((c) => c.name);
	return writeCsv(
		header,
		events.map((e) => EVENT_COLUMNS.map((c) => c.value(e))),
		options,
		{ formulaGuard: false }
	);
}

/** The Table Schema (frictionless, in the style of schema.data.gouv.fr) of events.csv. */
export function eventsTableSchema(ctx: ServiceContext) {
	return {
		$schema: 'https://specs.frictionlessdata.io/schemas/table-schema.json',
		name: 'nec-locaux',
		title: 'Numérique en Commun[s] locaux',
		description: 'Les NEC locaux publiés sur cette instance de Maillage, une ligne par événement.',
		path: `${base(ctx)}/events.csv`,
		licenses: [{ name: 'etalab-2.0', title: LICENCE_NAME, path: LICENCE_URL }],
		missingValues: [''],
		primaryKey: 'id',
		fields: EVENT_COLUMNS.map((c) => ({
			name: c.name,
			title: c.title,
			description: c.description,
			type: c.type,
			example: c.example,
			constraints: { required: ['id', 'titre', 'debut', 'fin', 'format', 'label'].includes(c.name) }
		}))
	};
}

function atomOf(ctx: ServiceContext, events: NationalEvent[], updated: Date): string {
	const feed = new Feed({
		title: 'Numérique en Commun[s] locaux',
		id: `${base(ctx)}/events.atom`,
		link: `${base(ctx)}/national`,
		language: 'fr',
		updated,
		generator: 'Maillage',
		copyright: `${LICENCE_NAME} (${LICENCE_URL})`,
		feedLinks: { atom: `${base(ctx)}/events.atom` }
	});
	for (const e of [...events].reverse())
		feed.addItem({
			title: e.title,
			id: e.url,
			link: e.url,
			date: new Date(e.startsAt),
			description: [e.commune ? `${e.commune} (${e.departement})` : '', e.organisers.map((o) => o.name).join(', '), e.themes.join(', ')]
				.filter(Boolean)
				.join(' · ')
		});
	return feed.atom1();
}

function figuresCsvOf(f: NationalFigures, options: CsvOptions): string {
	const header = ['perimetre', 'code', 'evenements', 'participants', 'elus', 'structures', 'departements_couverts'];
	const rows: (string | number)[][] = [];
	rows.push([f.year ? `annee ${f.year}` : 'total', f.year ?? '', f.events, f.participants, f.elus, f.structures, f.departementsCovered]);
	for (const [year, y] of Object.entries(f.byYear).sort()) rows.push(['annee', year, y.events, y.participants, y.elus, '', '']);
	for (const [code, r] of Object.entries(f.byRegion).sort()) rows.push(['region', code, r.events, r.participants, '', '', '']);
	return writeCsv(header, rows, options, { formulaGuard: false });
}

/** One feed, with its validators. `filter` narrows events (the year for figures.csv). */
export async function renderOpenDataFeed(
	ctx: ServiceContext,
	feed: OpenDataFeed,
	filter: NationalFilter = {},
	csv: CsvOptions = OPEN_DATA
): Promise<FeedFile> {
	const updated = await lastChange(ctx);
	if (feed === 'events.schema.json') return fileOf(feed, JSON.stringify(eventsTableSchema(ctx), null, 2), updated);
	if (feed === 'figures.csv') return fileOf(feed, figuresCsvOf(await getNationalFigures(ctx, { year: filter.year }), csv), updated);
	// Only this instance's events: another instance's are for it to publish (and following each other loops no event).
	const { items } = await listNationalEvents(ctx, { ...filter, source: 'local' });
	const body =
		feed === 'events.ics'
			? icsOf(items, updated)
			: feed === 'events.json'
				? jsonOf(ctx, items, updated)
				: feed === 'events.csv'
					? csvOf(items, csv)
					: atomOf(ctx, items, updated);
	return fileOf(feed, body, updated);
}

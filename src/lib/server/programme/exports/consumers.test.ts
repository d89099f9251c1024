// The programme's exports read by the consumers people use, not re-implementations: the C3VOC
// schedule JSON schema (Ajv) and XSD (xmllint, Debian's libxml2-utils), two iCalendar parsers
// (Mozilla's ical.js and node-ical), LibreOffice for a workbook; titles carry every character
// that breaks one format or another, and an emoji.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import addFormatsModule from 'ajv-formats';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../../tests/helpers/db.ts';
import { DAY1, DAY2, newProgrammeEvent, paris, publish, roomInput, speakerInput } from '../../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../../events/event.service.ts';
import { buildIcs } from '../../registrations/registration-mail.ts';
import { tableFile } from '../../registrations/export-file.ts';
import { sheetName } from '../../spreadsheet.ts';
import { createRoom } from '../room.service.ts';
import { addResourceLink, createSession } from '../session.service.ts';
import { createSpeaker } from '../speaker.service.ts';
import { getPublicProgramme, type Programme } from '../programme.service.ts';
import { frabAcronym, programmeToFrab } from './frab.ts';
import { frabToScheduleXml } from './schedule-xml.ts';
import { programmeToIcal } from './ical.ts';
import { programmeJsonLd } from './json-ld.ts';

const run = promisify(execFile);
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as (
	ajv: Ajv
) => Ajv;
const DATA = path.resolve(import.meta.dirname, '../../../../../tests/fixtures/c3voc-schedule');
export const NASTY = 'Atelier [test] : IA / données ? * « Communs » ’ & co 🎉';

/** Every content line ends with CRLF, the last one included, and no line ends otherwise. */
function crlfEverywhere(text: string): boolean {
	return text.endsWith('\r\n') && !text.replace(/\r\n/g, '').includes('\n') && !text.replace(/\r\n/g, '').includes('\r');
}

describe.each(DIALECTS)('exports read by their consumers (%s)', (dialect) => {
	let t: TestDb;
	let dir: string;
	let programme: Programme;

	beforeAll(async () => {
		t = await openTestDb(dialect);
		dir = await mkdtemp(path.join(tmpdir(), 'maillage-consumers-'));
		const ctx: ServiceContext = { db: t.db, publicUrl: 'https://maillage.example.org' };
		const { owner, event } = await newProgrammeEvent(ctx, {
			title: `NEC ${NASTY}`,
			format: 'hybrid',
			onlineUrl: 'https://visio.example.org/nec'
		});
		const room = await createRoom(ctx, owner, event.slug, roomInput({ name: 'Salle [A] : 1/2 « haut »' }));
		const awa = await createSpeaker(
			ctx,
			owner,
			event.slug,
			speakerInput({ name: 'Awa « Diallo » & Cie 🎤', organisation: 'L’Atelier [numérique]', status: 'confirmed', bio: 'Bio & <b>' })
		);
		const first = await createSession(ctx, owner, event.slug, {
			title: NASTY,
			format: 'workshop',
			description: 'Ligne 1\nLigne 2 ; « guillemets » & <balises>',
			startsAt: paris(DAY1, '09:30'),
			endsAt: paris(DAY1, '11:00'),
			roomId: room.id,
			speakers: [{ speakerId: awa.id, part: 'speaker' }]
		});
		await addResourceLink(ctx, owner, event.slug, first.id, { kind: 'video', title: 'Captation 🎬', url: 'https://video.example.org/a' });
		await addResourceLink(ctx, owner, event.slug, first.id, { kind: 'link', title: 'Support', url: 'https://example.org/s' });
		await createSession(ctx, owner, event.slug, {
			title: 'Déjeuner : “pause” / repas',
			format: 'social',
			startsAt: paris(DAY1, '12:00'),
			endsAt: paris(DAY1, '13:30')
		});
		await createSession(ctx, owner, event.slug, {
			title: `Jour 2 ${NASTY}`,
			format: 'plenary',
			startsAt: paris(DAY2, '09:00'),
			endsAt: paris(DAY2, '10:00'),
			roomId: room.id
		});
		await publish(ctx, owner, event.slug);
		programme = await getPublicProgramme(ctx, null, event.slug);
	});

	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
		await t?.close();
	});

	it('test_frabJson_validates_against_the_c3voc_schedule_schema', async () => {
		const schema = JSON.parse(await readFile(path.join(DATA, 'schema.json'), 'utf8'));
		const ajv = new Ajv({ strict: false, allErrors: true });
		ajv.addMetaSchema(draft06);
		addFormats(ajv);
		ajv.addFormat('color', /^#[0-9a-fA-F]{6}$/);
		const validate = ajv.compile(schema);
		const frab = programmeToFrab(programme);
		const valid = validate(JSON.parse(JSON.stringify(frab)));
		expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
		expect(valid).toBe(true);
		expect(frab.schedule.conference.days.map((d) => d.index)).toEqual([1, 2]);
		expect(frab.schedule.conference.acronym).toMatch(/^[a-z0-9_-][a-z0-9_]{3,}$/);
		const titles = frab.schedule.conference.days
			.flatMap((d) => Object.values(d.rooms as Record<string, { title: string }[]>).flat())
			.map((e) => e.title);
		expect(titles).toContain(NASTY);
	});

	it('test_frabAcronym_fits_the_schema_pattern', () => {
		expect(frabAcronym('nec-limoges-2027')).toBe('nec_limoges_2027');
		expect(frabAcronym('nec')).toBe('nec_nec');
		expect(frabAcronym('a--b')).toMatch(/^[a-z0-9_-][a-z0-9_]{3,}$/);
	});

	it('test_scheduleXml_validates_against_the_c3voc_xsd_with_xmllint', async () => {
		const file = path.join(dir, 'schedule.xml');
		await writeFile(file, frabToScheduleXml(programmeToFrab(programme), 'https://maillage.example.org/api/v1/events/x/schedule.xml'));
		const res = await run('xmllint', ['--noout', '--schema', path.join(DATA, 'schedule.xml.xsd'), file]).catch((e) => e);
		expect(res.stderr).toMatch(/validates/);
		expect(res.code ?? 0).toBe(0);
		const { stdout } = await run('xmllint', ['--xpath', 'string(//day[@index="1"]/room/event[1]/title)', file]);
		expect(stdout.trimEnd()).toBe(NASTY);
		const { stdout: person } = await run('xmllint', ['--xpath', 'string(//event/persons/person)', file]);
		expect(person.trimEnd()).toBe('Awa « Diallo » & Cie 🎤');
	});

	it('test_programmeIcal_ends_every_line_with_crlf_and_parses_in_two_parsers', () => {
		const text = programmeToIcal(programme, { host: 'maillage.example.org', now: new Date('2027-05-01T10:00:00Z') });
		expect(crlfEverywhere(text)).toBe(true);
		// A feed: no iTIP METHOD, so no ORGANIZER is owed (RFC 5546).
		expect(text).not.toMatch(/^METHOD:/m);
		const mozilla = new ICAL.Component(ICAL.parse(text));
		const summaries = mozilla.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'));
		expect(summaries).toContain(NASTY);
		const parsed = nodeIcal.sync.parseICS(text);
		const events = Object.values(parsed).filter((c) => c?.type === 'VEVENT') as unknown as { summary: string; location: string }[];
		expect(events.map((e) => e.summary)).toEqual(summaries);
		expect(events[0].location).toContain('Salle [A] : 1/2 « haut »');
	});

	it('test_registrationIcs_ends_every_line_with_crlf_and_parses_in_two_parsers', () => {
		const text = buildIcs(
			{
				id: 'e',
				slug: 'nec',
				title: `NEC ${NASTY}`,
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-11T17:00:00+02:00',
				place: 'Espace Noriac, Limoges',
				onlineUrl: null
			},
			[
				{
					sessionId: 's1',
					title: NASTY,
					startsAt: '2027-06-10T09:30:00+02:00',
					endsAt: '2027-06-10T11:00:00+02:00',
					room: 'Salle [A]',
					status: 'confirmed'
				}
			],
			{ registrationId: 'r1', status: 'confirmed' },
			'https://maillage.example.org'
		);
		expect(crlfEverywhere(text)).toBe(true);
		expect(text).not.toMatch(/^METHOD:/m);
		const mozilla = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'));
		const node = Object.values(nodeIcal.sync.parseICS(text))
			.filter((c) => c?.type === 'VEVENT')
			.map((c) => (c as unknown as { summary: string }).summary);
		expect(node).toEqual(mozilla);
		expect(node).toEqual([`NEC ${NASTY}`, `${NASTY} – NEC ${NASTY}`]);
	});

	it('test_jsonLd_has_the_fields_search_engines_list_for_events', () => {
		const ld = programmeJsonLd(programme) as any;
		expect(ld.eventStatus).toBe('https://schema.org/EventScheduled');
		expect(ld.eventAttendanceMode).toBe('https://schema.org/MixedEventAttendanceMode');
		expect(ld.location).toEqual([
			{
				'@type': 'Place',
				name: 'Espace Noriac',
				address: {
					'@type': 'PostalAddress',
					streetAddress: '10 rue Jean Pierre Timbaud',
					postalCode: '87000',
					addressLocality: 'Limoges',
					addressCountry: 'FR'
				}
			},
			{ '@type': 'VirtualLocation', url: 'https://visio.example.org/nec' }
		]);
		expect(ld.organizer).toEqual([
			{
				'@type': 'Organization',
				name: 'Hub Nouvelle-Aquitaine',
				url: 'https://annuaire-entreprises.data.gouv.fr/etablissement/73282932000074'
			}
		]);
		expect(ld.offers).toEqual({
			'@type': 'Offer',
			price: 0,
			priceCurrency: 'EUR',
			url: `${programme.event.url}/inscription`,
			availability: 'https://schema.org/InStock'
		});
		expect(ld.performer).toEqual([{ '@type': 'Person', name: 'Awa « Diallo » & Cie 🎤', url: expect.stringMatching(/^https:/) }]);
		expect(ld.name).toBe(`NEC ${NASTY}`);
	});
});

// A workbook only needs LibreOffice once, not once per database.
describe('xlsx read by LibreOffice', () => {
	it('test_xlsx_sheet_named_after_a_title_opens_in_libreoffice', async () => {
		expect(sheetName(NASTY)).toBe('Atelier test IA données « Commu');
		expect(sheetName(`${'x'.repeat(30)}🎉`)).toBe('x'.repeat(30));
		expect(sheetName("'[*]'")).toBe('Feuille');
		const file = await tableFile('xlsx', NASTY, ['Nom', 'Structure'], [[`Zoé ${NASTY}`, 'L’Atelier & co']], 'atelier');
		const dir = await mkdtemp(path.join(tmpdir(), 'maillage-xlsx-'));
		const xlsx = path.join(dir, 'atelier.xlsx');
		await writeFile(xlsx, file.body);
		await run(
			'soffice',
			[
				'--headless',
				'--norestore',
				`-env:UserInstallation=file://${dir}/lo`,
				'--convert-to',
				'csv:Text - txt - csv (StarCalc):44,34,76,1',
				'--outdir',
				dir,
				xlsx
			],
			{
				timeout: 120_000
			}
		);
		const csv = await readFile(path.join(dir, 'atelier.csv'), 'utf8');
		expect(csv).toContain(`Zoé ${NASTY}`);
		await rm(dir, { recursive: true, force: true });
	}, 180_000);
});

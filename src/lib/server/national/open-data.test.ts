import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import { newAttendee } from '../../../../tests/factories/national.ts';
import { createEvent, updateEvent, type ServiceContext } from '../events/event.service.ts';
import { OPEN_DATA_FEEDS, LICENCE_URL, renderOpenDataFeed } from './open-data.ts';

const DRAFT_TITLE = 'Brouillon très secret';

describe.each(DIALECTS)('open data (%s)', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let slugs: string[];
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		const owner = await newUser(t.db);
		const a = await newPublishedEvent(t.db, owner, { title: 'NEC du Limousin, « 2027 » & <plus>' });
		const b = await newPublishedEvent(t.db, owner, {
			title: 'NEC en ligne',
			format: 'online',
			onlineUrl: 'https://visio.exemple.fr/nec',
			venue: null,
			startsAt: '2027-09-10T09:00:00+02:00',
			endsAt: '2027-09-10T12:00:00+02:00'
		});
		await newAttendee(t.db, a.id, { role: 'elu' });
		const draft = await createEvent(ctx, owner, eventInput({ title: DRAFT_TITLE }));
		await newAttendee(t.db, draft.id);
		slugs = [a.slug, b.slug];
	});
	afterAll(() => t.close());

	it('test_everyFeed_neverShowsADraft', async () => {
		for (const feed of [...OPEN_DATA_FEEDS, 'events.schema.json'] as const) {
			const file = await renderOpenDataFeed(ctx, feed);
			expect(file.body, feed).not.toContain(DRAFT_TITLE);
			expect(file.body.length, feed).toBeGreaterThan(0);
		}
	});

	it('test_eventsIcs_parsesWithIcalJs_withOneEventPerPublishedEvent', async () => {
		const file = await renderOpenDataFeed(ctx, 'events.ics');
		const cal = new ICAL.Component(ICAL.parse(file.body));
		const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.uid).sort()).toEqual(slugs.map((s) => `http://localhost:3000/e/${s}`).sort());
		expect(events.find((e) => e.summary.startsWith('NEC du Limousin'))!.summary).toBe('NEC du Limousin, « 2027 » & <plus>');
		expect(file.contentType).toMatch(/^text\/calendar/);
	});

	it('test_eventsJson_isSchemaOrgWithContext', async () => {
		const doc = JSON.parse((await renderOpenDataFeed(ctx, 'events.json')).body);
		expect(doc['@context']).toBe('https://schema.org');
		expect(doc.license).toBe(LICENCE_URL);
		const online = doc.dataFeedElement.find((e: { name: string }) => e.name === 'NEC en ligne');
		expect(online).toMatchObject({
			'@type': 'Event',
			eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
			location: { '@type': 'VirtualLocation' }
		});
		expect(doc.dataFeedElement).toHaveLength(2);
	});

	it('test_eventsCsv_matchesItsTableSchema', async () => {
		const csv = parseCsv((await renderOpenDataFeed(ctx, 'events.csv')).body, { columns: true }) as Record<string, string>[];
		const schema = JSON.parse((await renderOpenDataFeed(ctx, 'events.schema.json')).body);
		expect(Object.keys(csv[0])).toEqual(schema.fields.map((f: { name: string }) => f.name));
		expect(schema.licenses[0].path).toBe(LICENCE_URL);
		expect(csv.find((r) => r.titre.startsWith('NEC du Limousin'))).toMatchObject({
			code_departement: '87',
			code_region: '75',
			format: 'onsite'
		});
		for (const f of schema.fields.filter((x: { constraints: { required: boolean } }) => x.constraints.required))
			for (const row of csv) expect(row[f.name], f.name).not.toBe('');
	});

	it('test_eventsAtom_isWellFormedAtom', async () => {
		const body = (await renderOpenDataFeed(ctx, 'events.atom')).body;
		expect(XMLValidator.validate(body)).toBe(true);
		const doc = new XMLParser({ ignoreAttributes: false }).parse(body);
		expect(doc.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
		expect(doc.feed.rights).toContain('Licence Ouverte');
		const entries = [doc.feed.entry].flat();
		expect(entries.map((e: { id: string }) => e.id).sort()).toEqual(slugs.map((s) => `http://localhost:3000/e/${s}`).sort());
		expect(
			entries.map((e: { title: string | { '#text': string } }) => (typeof e.title === 'string' ? e.title : e.title['#text']))
		).toContain('NEC du Limousin, « 2027 » & <plus>');
	});

	it('test_figuresCsv_givesTheTotals', async () => {
		const rows = parseCsv((await renderOpenDataFeed(ctx, 'figures.csv')).body, { columns: true }) as Record<string, string>[];
		expect(rows[0]).toMatchObject({ perimetre: 'total', evenements: '2', participants: '1', elus: '1', structures: '1' });
	});

	it('test_etag_isStable_untilAnEventChanges', async () => {
		const first = await renderOpenDataFeed(ctx, 'events.ics');
		expect((await renderOpenDataFeed(ctx, 'events.ics')).etag).toBe(first.etag);
		const owner = (await t.db.selectFrom('event_member').select('user_id').where('role', '=', 'owner').executeTakeFirstOrThrow()).user_id;
		await new Promise((r) => setTimeout(r, 1100));
		await updateEvent(ctx, { id: owner, isAdmin: false }, slugs[0], { title: 'NEC du Limousin renommé' });
		const after = await renderOpenDataFeed(ctx, 'events.ics');
		expect(after.etag).not.toBe(first.etag);
		expect(after.lastModified.getTime()).toBeGreaterThan(first.lastModified.getTime());
	});
});

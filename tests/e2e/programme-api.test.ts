// The programme's JSON API (/api/v1/events/{slug}/rooms, speakers, sessions, conflicts,
// programme.ics, programme.json) over HTTP against the built app, on each database dialect:
// the contract outside tools rely on, its French errors, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import sharp from 'sharp';
import { MESSAGES } from '#lib/i18n/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import type { RunningApp } from './harness.ts';
import { callApi, createUserWithToken, startAppOn, type AppOnDatabase } from './support.ts';

const fr = MESSAGES.fr;
const en = MESSAGES.en;
const PARIS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;

describe.each(DIALECTS)('programme API on %s', (dialect) => {
	let running: AppOnDatabase | undefined;
	let app: RunningApp;
	let alice: string;
	let bob: string;
	let slug: string;
	const ids: Record<string, string> = {};

	const api = (method: string, pathname: string, options: Parameters<typeof callApi>[3] = {}) =>
		callApi(app.url, method, pathname, options);

	beforeAll(async () => {
		running = await startAppOn(dialect, 'programme-api');
		const { databaseUrl } = running;
		app = running.app;
		[alice, bob] = await Promise.all(
			['alice.programme@example.org', 'bob.programme@example.org'].map((email) => createUserWithToken(email, databaseUrl))
		);
		const ev = await api('POST', '/events', {
			token: alice,
			body: {
				title: 'NEC Programme API',
				themes: ['Inclusion numérique', 'Communs numériques'],
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-11T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Médiathèque', inseeCode: '87085' }
			}
		});
		expect(ev.status, ev.text).toBe(201);
		slug = ev.json.slug;
	});

	afterAll(async () => {
		await running?.stop();
	});

	it('test_rooms_and_speakers_are_created_with_201_and_listed', async () => {
		const scene = await api('POST', `/events/${slug}/rooms`, { token: alice, body: { name: 'Grande scène', capacity: 150 } });
		expect(scene.status, scene.text).toBe(201);
		expect(scene.json).toEqual({
			id: expect.any(String),
			name: 'Grande scène',
			capacity: 150,
			accessibilityNotes: '',
			position: 0,
			version: 1
		});
		expect(scene.headers.get('location')).toBe(`/api/v1/events/${slug}/rooms/${scene.json.id}`);
		const small = await api('POST', `/events/${slug}/rooms`, { token: alice, body: { name: 'Espace 1', capacity: 25 } });
		ids.scene = scene.json.id;
		ids.small = small.json.id;
		const rooms = await api('GET', `/events/${slug}/rooms`, { token: alice });
		expect(rooms.json.map((r: { name: string }) => r.name)).toEqual(['Grande scène', 'Espace 1']);

		const awa = await api('POST', `/events/${slug}/speakers`, {
			token: alice,
			body: {
				name: 'Awa Diallo',
				organisation: 'Médiathèque de Limoges',
				roleTitle: 'Médiatrice',
				email: 'awa@example.org',
				travelCostCents: 12000
			}
		});
		expect(awa.status, awa.text).toBe(201);
		expect(awa.json).toMatchObject({
			id: expect.any(String),
			name: 'Awa Diallo',
			organisation: 'Médiathèque de Limoges',
			status: 'invited',
			email: 'awa@example.org'
		});
		const paul = await api('POST', `/events/${slug}/speakers`, {
			token: alice,
			body: { name: 'Paul Martin', organisation: 'Hub', status: 'confirmed' }
		});
		ids.awa = awa.json.id;
		ids.paul = paul.json.id;
		const speakers = await api('GET', `/events/${slug}/speakers`, { token: alice });
		expect(speakers.json.map((s: { name: string }) => s.name)).toEqual(['Awa Diallo', 'Paul Martin']);

		const bad = await api('POST', `/events/${slug}/speakers`, {
			token: alice,
			body: { name: '', email: 'pas-une-adresse', colour: 'bleu' }
		});
		expect(bad.status).toBe(422);
		expect(bad.json.errors).toEqual(
			expect.arrayContaining([
				{ field: 'name', message: fr.errors.required },
				{ field: 'email', message: fr.errors.email },
				{ field: 'colour', message: fr.errors.unknownField }
			])
		);
	});

	it('test_sessions_follow_the_contract_and_come_back_with_their_warnings', async () => {
		const opening = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: {
				title: 'Ouverture',
				format: 'plenary',
				startsAt: '2027-06-10T09:00:00+02:00',
				endsAt: '2027-06-10T10:00:00+02:00',
				roomId: ids.scene,
				speakerIds: [ids.paul],
				expectedAttendance: 140,
				capacity: null
			}
		});
		expect(opening.status, opening.text).toBe(201);
		expect(opening.json).toMatchObject({
			id: expect.any(String),
			title: 'Ouverture',
			format: 'plenary',
			startsAt: '2027-06-10T09:00:00+02:00',
			endsAt: '2027-06-10T10:00:00+02:00',
			roomId: ids.scene,
			speakerIds: [ids.paul],
			expectedAttendance: 140,
			capacity: null
		});
		expect(opening.headers.get('location')).toBe(`/api/v1/events/${slug}/sessions/${opening.json.id}`);
		ids.opening = opening.json.id;

		const workshop = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: {
				title: 'Atelier <script>alert(1)</script>',
				format: 'workshop',
				startsAt: '2027-06-10T09:30:00+02:00',
				endsAt: '2027-06-10T11:00:00+02:00',
				roomId: ids.scene,
				speakerIds: [ids.awa, ids.paul],
				expectedAttendance: 30,
				capacity: 40
			}
		});
		expect(workshop.status, workshop.text).toBe(201);
		ids.workshop = workshop.json.id;
		expect(workshop.json.warnings.map((w: { kind: string }) => w.kind)).toEqual(['room-overlap', 'speaker-overlap', 'no-informal-time']);

		const conflicts = await api('GET', `/events/${slug}/conflicts`, { token: alice });
		expect(conflicts.status).toBe(200);
		for (const c of conflicts.json) expect(Object.keys(c)).toEqual(expect.arrayContaining(['kind', 'sessionIds', 'message']));
		expect(conflicts.json.map((c: { kind: string }) => c.kind)).toEqual(['room-overlap', 'speaker-overlap', 'no-informal-time']);
		expect(conflicts.json[0]).toMatchObject({
			sessionIds: [ids.opening, ids.workshop],
			message:
				'« Ouverture » et « Atelier <script>alert(1)</script> » ont lieu en même temps dans l’espace « Grande scène » (de 9 h 30 à 10 h 00).'
		});
		const english = await api('GET', `/events/${slug}/conflicts`, { token: alice, headers: { 'accept-language': 'en' } });
		expect(english.json[0].message).toContain('take place at the same time');

		// PATCH: move the workshop to the small room at 10:15 (its length is kept), speakers changed.
		const moved = await api('PATCH', `/events/${slug}/sessions/${ids.workshop}`, {
			token: alice,
			body: { startsAt: '2027-06-10T10:15', roomId: ids.small, speakerIds: [ids.awa] }
		});
		expect(moved.status, moved.text).toBe(200);
		expect(moved.json).toMatchObject({
			startsAt: '2027-06-10T10:15:00+02:00',
			endsAt: '2027-06-10T11:45:00+02:00',
			roomId: ids.small,
			speakerIds: [ids.awa]
		});
		expect(moved.json.warnings.map((w: { kind: string }) => w.kind)).toEqual(['over-capacity', 'over-capacity', 'no-informal-time']);
		expect(moved.json.warnings[0]).toMatchObject({
			sessionIds: [ids.workshop],
			message: '« Atelier <script>alert(1)</script> » attend 30 personnes pour 25 places dans l’espace « Espace 1 ».'
		});
		const lunch = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: { title: 'Déjeuner', format: 'social', startsAt: '2027-06-10T12:00:00+02:00' }
		});
		expect(lunch.json).toMatchObject({ endsAt: '2027-06-10T13:00:00+02:00', roomId: null });
		await api('PATCH', `/events/${slug}/sessions/${ids.workshop}`, { token: alice, body: { expectedAttendance: 20, capacity: 25 } });
		expect((await api('GET', `/events/${slug}/conflicts`, { token: alice })).json).toEqual([]);

		const list = await api('GET', `/events/${slug}/sessions`, { token: alice });
		expect(list.json.map((s: { title: string }) => s.title)).toEqual(['Ouverture', 'Atelier <script>alert(1)</script>', 'Déjeuner']);
		for (const s of list.json) {
			expect(s.startsAt).toMatch(PARIS_ISO);
			expect(s.endsAt).toMatch(PARIS_ISO);
		}
		const extra = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: { title: 'À supprimer', format: 'pitch', startsAt: '2027-06-11T14:00' }
		});
		expect((await api('DELETE', `/events/${slug}/sessions/${extra.json.id}`, { token: alice })).status).toBe(204);
		expect((await api('GET', `/events/${slug}/sessions/${extra.json.id}`, { token: alice })).status).toBe(404);
	});

	it('test_bad_sessions_are_422_in_french_and_change_nothing', async () => {
		const before = (await api('GET', `/events/${slug}/sessions`, { token: alice })).json.length;
		const cases: [Record<string, unknown>, { field: string; message: string }[]][] = [
			[
				{ title: 'Hors dates', format: 'workshop', startsAt: '2027-06-20T10:00:00+02:00', endsAt: '2027-06-20T11:00:00+02:00' },
				[
					{ field: 'startsAt', message: expect.stringMatching(/^La session doit avoir lieu pendant l’événement : du jeudi 10 juin 2027/) },
					{ field: 'endsAt', message: expect.stringMatching(/^La session doit avoir lieu pendant l’événement/) }
				]
			],
			[
				{ title: 'À l’envers', format: 'workshop', startsAt: '2027-06-10T11:00:00+02:00', endsAt: '2027-06-10T10:00:00+02:00' },
				[{ field: 'endsAt', message: fr.programme.errors.endBeforeStart }]
			],
			[
				{ title: 'Inconnus', format: 'workshop', startsAt: '2027-06-10T14:00:00+02:00', roomId: 'salle-fantome', speakerIds: ['personne'] },
				[
					{ field: 'roomId', message: fr.programme.errors.unknownRoom },
					{ field: 'speakerIds.0', message: fr.programme.errors.unknownSpeaker }
				]
			],
			[
				{ title: '', format: 'conférence', startsAt: 'demain' },
				[
					{ field: 'title', message: fr.errors.required },
					{ field: 'format', message: fr.errors.invalidChoice },
					{ field: 'startsAt', message: fr.errors.dateTime }
				]
			]
		];
		for (const [body, errors] of cases) {
			const res = await api('POST', `/events/${slug}/sessions`, { token: alice, body });
			expect(res.status, res.text).toBe(422);
			expect(res.json.errors).toEqual(errors);
		}
		const patch = await api('PATCH', `/events/${slug}/sessions/${ids.opening}`, {
			token: alice,
			body: { endsAt: '2027-06-10T08:00:00+02:00' }
		});
		expect(patch.status).toBe(422);
		const english = await api('POST', `/events/${slug}/sessions`, {
			token: alice,
			body: cases[1][0],
			headers: { 'accept-language': 'en' }
		});
		expect(english.json.errors).toEqual([{ field: 'endsAt', message: en.programme.errors.endBeforeStart }]);
		const after = await api('GET', `/events/${slug}/sessions`, { token: alice });
		expect(after.json).toHaveLength(before);
		expect(after.json[0]).toMatchObject({ id: ids.opening, endsAt: '2027-06-10T10:00:00+02:00' });
	});

	it('test_outsiders_get_404_and_anonymous_writes_401', async () => {
		const attempts: [string, string, unknown][] = [
			['POST', `/events/${slug}/rooms`, { name: 'Intrus' }],
			['POST', `/events/${slug}/speakers`, { name: 'Intrus' }],
			['POST', `/events/${slug}/sessions`, { title: 'Intrus', format: 'workshop', startsAt: '2027-06-10T14:00' }],
			['PATCH', `/events/${slug}/sessions/${ids.opening}`, { title: 'Piraté' }],
			['DELETE', `/events/${slug}/sessions/${ids.opening}`, undefined],
			['GET', `/events/${slug}/conflicts`, undefined],
			['GET', `/events/${slug}/sessions`, undefined],
			['GET', `/events/${slug}/programme.ics`, undefined],
			['GET', `/events/${slug}/programme.json`, undefined]
		];
		for (const [method, pathname, body] of attempts) {
			const res = await api(method, pathname, { token: bob, body });
			expect(res.status, `${method} ${pathname}`).toBe(404);
			expect(res.json).toEqual({ errors: [{ field: '_', message: fr.errors.notFound }] });
		}
		expect((await api('POST', `/events/${slug}/rooms`, { body: { name: 'Anonyme' } })).status).toBe(401);
		expect((await api('GET', `/events/${slug}/sessions`)).status).toBe(404);
		const untouched = await api('GET', `/events/${slug}/sessions/${ids.opening}`, { token: alice });
		expect(untouched.json.title).toBe('Ouverture');
		expect((await api('GET', `/events/${slug}/rooms`, { token: alice })).json).toHaveLength(2);
	});

	it('test_portrait_and_resources_through_the_api', async () => {
		const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#336699' } })
			.jpeg()
			.toBuffer();
		const put = await api('PUT', `/events/${slug}/speakers/${ids.awa}/portrait?alt=${encodeURIComponent('Awa au micro')}`, {
			token: alice,
			body: new Uint8Array(jpeg),
			headers: { 'content-type': 'image/jpeg' }
		});
		expect(put.status, put.text).toBe(200);
		expect(put.json).toMatchObject({ portraitAlt: 'Awa au micro', portraitUrl: expect.stringContaining(`/e/${slug}/programme/fichiers/`) });
		const notImage = await api('PUT', `/events/${slug}/speakers/${ids.paul}/portrait`, {
			token: alice,
			body: new TextEncoder().encode('#!/bin/sh\necho pas une image'),
			headers: { 'content-type': 'image/png' }
		});
		expect(notImage.status).toBe(422);
		expect(notImage.json.errors).toEqual([{ field: 'portrait', message: fr.programme.errors.notAnImage }]);

		const link = await api('POST', `/events/${slug}/sessions/${ids.workshop}/resources`, {
			token: alice,
			body: { kind: 'video', title: 'Captation', url: 'https://video.example.org/atelier' }
		});
		expect(link.status, link.text).toBe(201);
		const form = new FormData();
		form.append('title', 'Diaporama');
		form.append('file', new Blob([new TextEncoder().encode('%PDF-1.4\n%%EOF')], { type: 'application/pdf' }), 'diaporama.pdf');
		const file = await api('POST', `/events/${slug}/sessions/${ids.workshop}/resources`, { token: alice, body: form });
		expect(file.status, file.text).toBe(201);
		expect(file.json).toMatchObject({ kind: 'file', title: 'Diaporama', filename: 'diaporama.pdf' });
		const exe = new FormData();
		exe.append('file', new Blob([new TextEncoder().encode('MZ')]), 'outil.exe');
		const refused = await api('POST', `/events/${slug}/sessions/${ids.workshop}/resources`, { token: alice, body: exe });
		expect(refused.status).toBe(422);
		expect(refused.json.errors).toEqual([{ field: 'file', message: fr.programme.errors.fileType }]);
		const session = await api('GET', `/events/${slug}/sessions/${ids.workshop}`, { token: alice });
		expect(session.json.resources.map((r: { title: string }) => r.title)).toEqual(['Captation', 'Diaporama']);
		const download = await fetch(file.json.url, { headers: { authorization: `Bearer ${alice}` } });
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(download.headers.get('x-content-type-options')).toBe('nosniff');
		expect((await api('DELETE', `/events/${slug}/sessions/${ids.workshop}/resources/${link.json.id}`, { token: alice })).status).toBe(204);
	});

	it('test_exports_are_public_once_published_and_parse_back', async () => {
		expect((await api('GET', `/events/${slug}/programme.ics`)).status).toBe(404);
		expect((await api('GET', `/events/${slug}/programme.json`)).status).toBe(404);
		expect((await api('PATCH', `/events/${slug}`, { token: alice, body: { status: 'published' } })).status).toBe(200);

		const ics = await api('GET', `/events/${slug}/programme.ics`);
		expect(ics.status).toBe(200);
		expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const calendar = new ICAL.Component(ICAL.parse(ics.text));
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(events.map((e) => e.summary)).toEqual(['Ouverture', 'Atelier <script>alert(1)</script>', 'Déjeuner']);
		expect(events[1].location).toBe('Espace 1, Médiathèque, Limoges');
		const mine = await api('GET', `/events/${slug}/programme.ics?s=${ids.opening}`);
		expect(new ICAL.Component(ICAL.parse(mine.text)).getAllSubcomponents('vevent')).toHaveLength(1);

		// Awa has not confirmed yet: the public schedule does not announce her.
		const before = await api('GET', `/events/${slug}/programme.json`);
		expect(before.json.schedule.conference.days[0].rooms['Espace 1'][0].persons).toEqual([]);
		const confirmed = await api('PATCH', `/events/${slug}/speakers/${ids.awa}`, { token: alice, body: { status: 'confirmed' } });
		expect(confirmed.status, confirmed.text).toBe(200);

		const json = await api('GET', `/events/${slug}/programme.json`);
		expect(json.status).toBe(200);
		const conf = json.json.schedule.conference;
		// The schema's acronym has no hyphen after its first character.
		expect(conf).toMatchObject({
			acronym: slug.replaceAll('-', '_'),
			title: 'NEC Programme API',
			start: '2027-06-10',
			end: '2027-06-11',
			daysCount: 2
		});
		expect(conf.days[0].rooms['Grande scène'][0]).toMatchObject({
			title: 'Ouverture',
			start: '09:00',
			duration: '01:00',
			type: 'Plénière'
		});
		expect(conf.days[0].rooms['Espace 1'][0].persons[0]).toMatchObject({
			public_name: 'Awa Diallo',
			avatar: expect.stringContaining('/fichiers/')
		});

		// Public now: anonymous readers get the public view, without private fields.
		const speakers = await api('GET', `/events/${slug}/speakers`);
		expect(speakers.status).toBe(200);
		expect(speakers.json[0]).not.toHaveProperty('email');
		expect(speakers.json[0]).not.toHaveProperty('travelCostCents');
		expect((await api('GET', `/events/${slug}/conflicts`)).status).toBe(404);
		// HTML typed into a title is text on the public page, never markup.
		const page = await (await fetch(`${app.url}/e/${slug}/programme`)).text();
		expect(page).toContain('Atelier &lt;script>alert(1)&lt;/script>');
		expect(page).not.toContain('<script>alert(1)</script>');
		const embed = await fetch(`${app.url}/e/${slug}/programme/integrer`);
		expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
		expect(await embed.text()).toContain('Atelier &lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('test_openapi_documents_the_programme_endpoints', async () => {
		const doc = (await api('GET', '/openapi.json')).json;
		for (const p of [
			'/events/{slug}/rooms',
			'/events/{slug}/speakers',
			'/events/{slug}/sessions',
			'/events/{slug}/sessions/{id}',
			'/events/{slug}/conflicts',
			'/events/{slug}/programme.ics',
			'/events/{slug}/programme.json'
		])
			expect(Object.keys(doc.paths)).toContain(p);
		expect(doc.components.schemas.SessionCreate.required).toEqual(expect.arrayContaining(['title', 'format', 'startsAt']));
		expect(doc.components.schemas.SessionCreate.properties.format.enum).toEqual([
			'plenary',
			'workshop',
			'round-table',
			'masterclass',
			'demo',
			'pitch',
			'stand',
			'social',
			'break'
		]);
		expect(doc.components.schemas.Conflict.properties.kind.enum).toContain('no-breathing-time');
	});
});

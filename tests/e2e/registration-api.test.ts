// The registration API over HTTP against the built app, on each database dialect: the contract
// outside checks rely on (PATCH event fields, POST/GET/DELETE registrations, stats), the private
// link's token as a bearer, bad input refused in French with nothing stored, and the rate limit.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '#lib/i18n/index.ts';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { ownRegistrationSchema } from '#lib/server/registrations/registration.schema.ts';
import { DIALECTS, createTestDatabaseUrl } from '../helpers/db.ts';
import { newSession } from '../factories/registrations.ts';
import { startApp, type RunningApp } from './harness.ts';
import { ROOT, cli, createTokenWithCli } from './support.ts';

const fr = MESSAGES.fr;
const en = MESSAGES.en;

interface Res {
	status: number;
	json: any;
	headers: Headers;
}

describe.each(DIALECTS)('registration API on %s', (dialect) => {
	let app: RunningApp;
	let dir: string;
	let drop: () => Promise<void>;
	let db: DbHandle;
	let owner: string;
	let stranger: string;
	let seq = 0;

	async function call(
		method: string,
		pathname: string,
		token: string | null,
		body?: unknown,
		headers: Record<string, string> = {}
	): Promise<Res> {
		const h: Record<string, string> = { ...headers };
		if (token) h.authorization = `Bearer ${token}`;
		if (body !== undefined) h['content-type'] = 'application/json';
		const res = await fetch(`${app.url}/api/v1${pathname}`, {
			method,
			headers: h,
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		});
		const text = await res.text();
		return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
	}

	function person(overrides: Record<string, unknown> = {}) {
		seq += 1;
		return {
			firstName: 'Camille',
			lastName: `Martin ${seq}`,
			email: `camille.${seq}@example.org`,
			structure: { name: 'Association Les Connectés', type: 'association' },
			role: 'mediateur-numerique',
			inseeCode: '23096',
			sessionIds: [],
			consents: { terms: true, newsletter: false, photos: true },
			...overrides
		};
	}

	async function newEvent(patch: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
		seq += 1;
		const created = await call('POST', '/events', owner, {
			title: `NEC Creuse ${seq}`,
			themes: ['Inclusion numérique', 'Communs'],
			startsAt: '2027-09-16T09:00:00+02:00',
			endsAt: '2027-09-16T17:00:00+02:00',
			format: 'onsite',
			venue: { name: 'Tiers-lieu La Quincaillerie', inseeCode: '23096' }
		});
		expect(created.status).toBe(201);
		const published = await call('PATCH', `/events/${created.json.slug}`, owner, { status: 'published', ...patch });
		expect(published.status, JSON.stringify(published.json)).toBe(200);
		return created.json;
	}

	beforeAll(async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'reg-api-'));
		const database = await createTestDatabaseUrl(dialect, dir);
		drop = database.drop;
		app = await startApp({ databaseUrl: database.url, env: { REGISTRATION_RATE_LIMIT: '200/60' } });
		db = createDb(database.url);
		await Promise.all([
			cli(['user', 'add', '--email', 'owner.api@example.org'], database.url),
			cli(['user', 'add', '--email', 'stranger.api@example.org'], database.url)
		]);
		[owner, stranger] = await Promise.all([
			createTokenWithCli('owner.api@example.org', database.url),
			createTokenWithCli('stranger.api@example.org', database.url)
		]);
	});

	afterAll(async () => {
		await db?.db.destroy();
		await app?.stop();
		await drop?.();
		await rm(dir, { recursive: true, force: true });
	});

	it('test_patch_event_sets_capacity_and_registration_window', async () => {
		const ev = await newEvent();
		const patched = await call('PATCH', `/events/${ev.slug}`, owner, {
			capacity: 120,
			registrationOpensAt: '2027-05-01T09:00:00+02:00',
			registrationClosesAt: '2027-09-10T23:59:00+02:00',
			title: 'NEC Creuse, 3e édition'
		});
		expect(patched.status).toBe(200);
		expect(patched.json).toMatchObject({
			title: 'NEC Creuse, 3e édition',
			capacity: 120,
			registrationOpensAt: '2027-05-01T09:00:00+02:00',
			registrationClosesAt: '2027-09-10T23:59:00+02:00'
		});
		expect((await call('GET', `/events/${ev.slug}`, null)).json).toMatchObject({
			capacity: 120,
			registrationClosesAt: '2027-09-10T23:59:00+02:00'
		});

		const bad = await call('PATCH', `/events/${ev.slug}`, owner, { capacity: 0, registrationClosesAt: 'demain', title: '' });
		expect(bad.status).toBe(422);
		expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['capacity', 'registrationClosesAt', 'title']);
		const crossed = await call('PATCH', `/events/${ev.slug}`, owner, { registrationClosesAt: '2027-04-01T09:00:00+02:00' });
		expect(crossed.status).toBe(422);
		expect(crossed.json.errors).toEqual([{ field: 'registrationClosesAt', message: fr.registration.errors.closesBeforeOpens }]);
		expect((await call('GET', `/events/${ev.slug}`, null)).json).toMatchObject({ title: 'NEC Creuse, 3e édition', capacity: 120 });
		expect((await call('PATCH', `/events/${ev.slug}`, stranger, { capacity: 5 })).status).toBe(404);
		expect((await call('PATCH', `/events/${ev.slug}`, owner, { capacity: null })).json.capacity).toBeNull();
	});

	it('test_post_registration_201_then_same_email_200_same_registration', async () => {
		const ev = await newEvent({ capacity: 10 });
		const s = await newSession(db.db, ev.id, {
			title: 'Atelier',
			capacity: 1,
			startsAt: '2027-09-16T08:00:00Z',
			endsAt: '2027-09-16T09:30:00Z'
		});
		const body = person({ sessionIds: [s] });
		const first = await call('POST', `/events/${ev.slug}/registrations`, null, body);
		expect(first.status).toBe(201);
		expect(first.json).toEqual({
			id: expect.any(String),
			status: 'confirmed',
			sessions: [{ id: s, status: 'confirmed' }],
			manageToken: expect.stringMatching(/^mrg_/)
		});
		const again = await call('POST', `/events/${ev.slug}/registrations`, null, { ...body, firstName: 'Autre' });
		expect(again.status).toBe(200);
		expect(again.json).toMatchObject({
			id: first.json.id,
			status: 'confirmed',
			sessions: [{ id: s, status: 'confirmed' }],
			manageToken: null
		});
		const second = await call('POST', `/events/${ev.slug}/registrations`, null, person({ sessionIds: [s] }));
		expect(second.json).toMatchObject({ status: 'confirmed', sessions: [{ id: s, status: 'waitlisted' }] });
		const rows = await db.db.selectFrom('registration').select(['first_name']).where('event_id', '=', ev.id).execute();
		expect(rows.map((r) => r.first_name)).toEqual(['Camille', 'Camille']);
		const confirmations = await db.db
			.selectFrom('mail_message')
			.select('kind')
			.where('event_id', '=', ev.id)
			.where('kind', '=', 'registration-confirmed')
			.execute();
		expect(confirmations.length).toBe(2);
	});

	it('test_post_registration_bad_input_422_in_french_and_nothing_stored', async () => {
		const ev = await newEvent();
		const a = await newSession(db.db, ev.id, { title: 'A', startsAt: '2027-09-16T08:00:00Z', endsAt: '2027-09-16T09:30:00Z' });
		const b = await newSession(db.db, ev.id, { title: 'B', startsAt: '2027-09-16T09:00:00Z', endsAt: '2027-09-16T10:00:00Z' });
		const cases: [Record<string, unknown>, string, string][] = [
			[person({ email: 'pas-une-adresse' }), 'email', fr.errors.email],
			[person({ consents: { newsletter: true } }), 'consents.terms', fr.registration.errors.termsRequired],
			[person({ sessionIds: ['inconnue'] }), 'sessionIds', fr.registration.errors.unknownSession],
			[person({ sessionIds: [a, b] }), 'sessionIds', fr.registration.errors.sessionOverlap.replace('{{a}}', 'A').replace('{{b}}', 'B')],
			[person({ lastName: '<script>alert("x")</script>' }), 'lastName', fr.registration.errors.markup],
			[
				person({ structure: { name: '<img src=x onerror=alert(1)>', type: 'association' } }),
				'structure.name',
				fr.registration.errors.markup
			],
			[person({ firstName: 'x'.repeat(100_000) }), 'firstName', fr.errors.tooLong.replace('{{max}}', '100')],
			[person({ inseeCode: '99999' }), 'inseeCode', fr.errors.inseeCode],
			[person({ role: 'astronaute' }), 'role', fr.errors.invalidChoice]
		];
		for (const [body, field, message] of cases) {
			const res = await call('POST', `/events/${ev.slug}/registrations`, null, body);
			expect(res.status, field).toBe(422);
			expect(res.json.errors, field).toContainEqual({ field, message });
		}
		const huge = await call('POST', `/events/${ev.slug}/registrations`, null, person({ firstName: 'x'.repeat(1_000_000) }));
		expect(huge.status).toBe(413);
		expect(huge.json.errors[0].message).toBe(fr.security.bodyTooLarge);
		const english = await call('POST', `/events/${ev.slug}/registrations`, null, person({ email: 'nope' }), { 'accept-language': 'en' });
		expect(english.json.errors).toContainEqual({ field: 'email', message: en.errors.email });
		expect(await db.db.selectFrom('registration').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
		expect(await db.db.selectFrom('mail_message').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
	});

	it('test_post_registration_409_when_closed_or_full_404_for_a_draft', async () => {
		const closed = await newEvent({ registrationClosesAt: '2026-01-01T00:00:00+01:00' });
		const res = await call('POST', `/events/${closed.slug}/registrations`, null, person());
		expect(res.status).toBe(409);
		expect(res.json.errors).toEqual([{ field: '_', message: fr.registration.errors.closed }]);
		const full = await newEvent({ capacity: 1 });
		expect((await call('POST', `/events/${full.slug}/registrations`, null, person())).status).toBe(201);
		const refused = await call('POST', `/events/${full.slug}/registrations`, null, person());
		expect(refused.status).toBe(409);
		expect(refused.json.errors).toEqual([{ field: '_', message: fr.registration.errors.full }]);
		const draft = await call('POST', '/events', owner, {
			title: 'Brouillon',
			themes: ['A', 'B'],
			startsAt: '2027-09-16T09:00:00+02:00',
			endsAt: '2027-09-16T17:00:00+02:00',
			format: 'online',
			onlineUrl: 'https://visio.example.org/nec'
		});
		expect((await call('POST', `/events/${draft.json.slug}/registrations`, null, person())).status).toBe(404);
	});

	it('test_get_registrations_for_organisers_only_and_audited', async () => {
		const ev = await newEvent();
		await call('POST', `/events/${ev.slug}/registrations`, null, person({ role: 'elu' }));
		const list = await call('GET', `/events/${ev.slug}/registrations`, owner);
		expect(list.status).toBe(200);
		expect(list.json).toHaveLength(1);
		expect(list.json[0]).toMatchObject({
			status: 'confirmed',
			role: 'elu',
			structure: { type: 'association' },
			commune: 'Guéret',
			departement: '23',
			consents: { terms: true, photos: true }
		});
		expect((await call('GET', `/events/${ev.slug}/registrations`, null)).status).toBe(401);
		expect((await call('GET', `/events/${ev.slug}/registrations`, stranger)).status).toBe(404);
		const audit = await db.db.selectFrom('audit_log').select(['action']).where('event_id', '=', ev.id).execute();
		expect(audit).toEqual([{ action: 'participants.list-api' }]);
	});

	it('test_delete_with_manage_token_204_and_the_waiting_list_moves', async () => {
		const ev = await newEvent({ capacity: 20 });
		const s = await newSession(db.db, ev.id, { title: 'Atelier très demandé', capacity: 1 });
		const first = await call('POST', `/events/${ev.slug}/registrations`, null, person({ sessionIds: [s] }));
		const waiting = person({ sessionIds: [s] });
		const second = await call('POST', `/events/${ev.slug}/registrations`, null, waiting);
		expect(second.json.sessions).toEqual([{ id: s, status: 'waitlisted' }]);

		expect((await call('DELETE', `/registrations/${first.json.id}`, 'mrg_' + 'A'.repeat(32))).status).toBe(401);
		expect((await call('DELETE', `/registrations/${first.json.id}`, second.json.manageToken)).status).toBe(404);
		expect((await call('DELETE', `/registrations/${first.json.id}`, null)).status).toBe(401);
		const deleted = await call('DELETE', `/registrations/${first.json.id}`, first.json.manageToken);
		expect(deleted.status).toBe(204);
		expect((await call('DELETE', `/registrations/${first.json.id}`, first.json.manageToken)).status).toBe(204);

		const own = await call('GET', `/registrations/${second.json.id}`, second.json.manageToken);
		expect(own.json.registration.seats).toMatchObject([{ sessionId: s, status: 'confirmed' }]);
		// The answer is what the OpenAPI document says (no more, no less).
		expect(ownRegistrationSchema.safeParse(own.json).error).toBeUndefined();
		const promoted = await db.db
			.selectFrom('mail_message')
			.select(['kind', 'subject'])
			.where('to_address', '=', String(waiting.email))
			.orderBy('created_at')
			.execute();
		expect(promoted.map((m) => m.kind)).toEqual(['registration-confirmed', 'registration-promoted']);
		expect(promoted[1].subject).toContain('Atelier très demandé');

		// An organiser's token cancels too; an outsider's does not reveal the registration.
		expect((await call('DELETE', `/registrations/${second.json.id}`, stranger)).status).toBe(404);
		expect((await call('DELETE', `/registrations/${second.json.id}`, owner)).status).toBe(204);
	});

	it('test_stats_count_participants_structures_elus_and_sessions', async () => {
		const ev = await newEvent();
		const s = await newSession(db.db, ev.id, { title: 'Atelier', capacity: 1 });
		await call(
			'POST',
			`/events/${ev.slug}/registrations`,
			null,
			person({ role: 'elu', structure: { name: 'Mairie de Guéret', type: 'collectivite' }, sessionIds: [s] })
		);
		await call(
			'POST',
			`/events/${ev.slug}/registrations`,
			null,
			person({ role: 'elu', structure: { name: 'mairie de  GUÉRET', type: 'collectivite' }, sessionIds: [s] })
		);
		await call('POST', `/events/${ev.slug}/registrations`, null, person({ inseeCode: '87085' }));
		const stats = await call('GET', `/events/${ev.slug}/stats`, owner);
		expect(stats.status).toBe(200);
		expect(stats.json).toMatchObject({
			participants: 3,
			structures: 2,
			elus: 2,
			byStructureType: { collectivite: 2, association: 1, etat: 0 },
			byRole: { elu: 2, 'mediateur-numerique': 1 },
			byDepartement: { '23': 2, '87': 1 },
			sessions: [{ id: s, capacity: 1, confirmed: 1, waitlisted: 1, checkedIn: 0 }]
		});
		expect((await call('GET', `/events/${ev.slug}/stats`, stranger)).status).toBe(404);
		expect((await call('GET', `/events/${ev.slug}/stats`, null)).status).toBe(401);
	});

	it('test_rate_limit_answers_429_in_french_beyond_the_burst', async () => {
		const ev = await newEvent();
		const statuses: number[] = [];
		let last: Res | undefined;
		for (let i = 0; i < 230; i++) {
			last = await call('POST', `/events/${ev.slug}/registrations`, null, { email: 'x' });
			statuses.push(last.status);
			if (last.status === 429) break;
		}
		expect(statuses).toContain(429);
		expect(last!.json.errors[0].message).toBe(fr.registration.errors.rateLimited);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

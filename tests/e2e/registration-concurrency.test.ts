// Capacity is a guarantee, proved over HTTP against the built app: hundreds of simultaneous
// registrations for the last places, sent to two app processes sharing one database (an SQLite
// file, a PostgreSQL database), never give more confirmed places or seats than there are; and a
// server killed with SIGKILL in the middle of a rush loses no acknowledged registration, and
// every registration's confirmation is sent exactly once after the restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { startSmtpSink, type SmtpSink } from '#lib/server/mail/smtp-sink.testing.ts';
import { DIALECTS, createTestDatabaseUrl } from '../helpers/db.ts';
import { newSession } from '../factories/registrations.ts';
import { startApp, type RunningApp } from './harness.ts';
import { ROOT, cli, createTokenWithCli } from './support.ts';

const RUSH = 300;
const NO_LIMIT = { REGISTRATION_RATE_LIMIT: 'off' };

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** The built app in a child process we hold, so that the test can SIGKILL it (harness.stop() is graceful). */
async function spawnKillableApp(databaseUrl: string): Promise<{ url: string; child: ChildProcess; logs: () => string }> {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	let output = '';
	const child = spawn(process.execPath, [path.join(ROOT, 'bin/serve.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			PUBLIC_URL: url,
			DATABASE_URL: databaseUrl,
			...NO_LIMIT
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (c: Buffer) => (output += c));
	child.stderr!.on('data', (c: Buffer) => (output += c));
	process.once('exit', () => child.kill('SIGKILL'));
	for (let i = 0; i < 300; i++) {
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return { url, child, logs: () => output };
		await new Promise((r) => setTimeout(r, 100));
	}
	child.kill('SIGKILL');
	throw new Error(`the app did not start:\n${output}`);
}

function person(n: number, sessionId: string) {
	return {
		firstName: 'Personne',
		lastName: `Numéro ${n}`,
		email: `rush.${n}@example.org`,
		structure: { name: `Structure ${n % 37}`, type: 'association' },
		role: 'mediateur-numerique',
		inseeCode: '87085',
		sessionIds: [sessionId],
		consents: { terms: true }
	};
}

async function post(base: string, slug: string, body: unknown): Promise<{ status: number; json: any }> {
	const res = await fetch(`${base}/api/v1/events/${slug}/registrations`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return { status: res.status, json: await res.json() };
}

describe.each(DIALECTS)('registration under concurrency on %s', (dialect) => {
	let dir: string;
	let database: { url: string; drop(): Promise<void> };
	let apps: RunningApp[] = [];
	let db: DbHandle;
	let token: string;

	async function newEvent(base: string, capacity: number): Promise<{ id: string; slug: string }> {
		const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
		const res = await fetch(`${base}/api/v1/events`, {
			method: 'POST',
			headers,
			body: JSON.stringify({
				title: `Rush ${Math.random().toString(36).slice(2, 8)}`,
				themes: ['Inclusion', 'Communs'],
				startsAt: '2027-10-07T09:00:00+02:00',
				endsAt: '2027-10-07T17:00:00+02:00',
				format: 'onsite',
				venue: { name: 'Halle', inseeCode: '87085' }
			})
		});
		const ev = (await res.json()) as { id: string; slug: string };
		const patched = await fetch(`${base}/api/v1/events/${ev.slug}`, {
			method: 'PATCH',
			headers,
			body: JSON.stringify({ status: 'published', capacity })
		});
		expect(patched.status).toBe(200);
		return ev;
	}

	beforeAll(async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'rush-'));
		database = await createTestDatabaseUrl(dialect, dir);
		// Two processes on one database: the first migrates, the second finds it done.
		apps = [await startApp({ databaseUrl: database.url, env: NO_LIMIT })];
		apps.push(await startApp({ databaseUrl: database.url, env: NO_LIMIT }));
		db = createDb(database.url);
		await cli(['user', 'add', '--email', 'rush@example.org'], database.url);
		token = await createTokenWithCli('rush@example.org', database.url);
	});

	afterAll(async () => {
		await Promise.all(apps.map((a) => a.stop()));
		await db?.db.destroy();
		await database?.drop();
		await rm(dir, { recursive: true, force: true });
	});

	it(`test_${RUSH}_simultaneous_registrations_for_the_last_places_never_overbook`, async () => {
		const ev = await newEvent(apps[0].url, 40);
		const workshop = await newSession(db.db, ev.id, { title: 'Atelier', capacity: 5 });
		// 30 places go first; the rush is for the last 10, and for the workshop's 5 seats.
		for (let i = 0; i < 30; i += 10)
			await Promise.all(
				Array.from({ length: 10 }, (_, k) => post(apps[k % 2].url, ev.slug, { ...person(10_000 + i + k, workshop), sessionIds: [] }))
			);

		const results = await Promise.all(Array.from({ length: RUSH }, (_, i) => post(apps[i % 2].url, ev.slug, person(i, workshop))));

		const created = results.filter((r) => r.status === 201);
		const refused = results.filter((r) => r.status === 409);
		expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.status)).toEqual([]);
		expect(created.length).toBe(10);
		expect(refused.length).toBe(RUSH - 10);
		expect(refused[0].json.errors[0].field).toBe('_');
		expect(created.filter((r) => r.json.sessions[0].status === 'confirmed').length).toBe(5);

		const confirmed = await db.db
			.selectFrom('registration')
			.select('id')
			.where('event_id', '=', ev.id)
			.where('status', '=', 'confirmed')
			.execute();
		expect(confirmed.length).toBe(40);
		const seats = await db.db.selectFrom('registration_session').select(['status']).where('session_id', '=', workshop).execute();
		expect(seats.filter((s) => s.status === 'confirmed').length).toBe(5);
		expect(seats.filter((s) => s.status === 'waitlisted').length).toBe(5);
		// Every registration (the 30 first and the 10 of the rush) has exactly one confirmation queued.
		const perRegistration = await db.db
			.selectFrom('registration')
			.leftJoin('mail_message', (j) =>
				j
					.onRef('mail_message.to_address', '=', 'registration.email')
					.on('mail_message.kind', '=', 'registration-confirmed')
					.onRef('mail_message.event_id', '=', 'registration.event_id')
			)
			.select(['registration.id', (eb) => eb.fn.count<string | number>('mail_message.id').as('n')])
			.where('registration.event_id', '=', ev.id)
			.groupBy('registration.id')
			.execute();
		expect(perRegistration.length).toBe(40);
		expect(perRegistration.every((r) => Number(r.n) === 1)).toBe(true);
		for (const r of created) expect(perRegistration.map((p) => p.id)).toContain(r.json.id);
	});

	it('test_sigkill_in_a_rush_loses_no_acknowledged_registration_and_sends_each_confirmation_once', async () => {
		const ev = await newEvent(apps[0].url, 150);
		const workshop = await newSession(db.db, ev.id, { title: 'Atelier', capacity: 20 });
		// This process queues confirmations without sending them (no SMTP): a kill during an SMTP
		// exchange is the outbox's own case (its lease); here the kill hits registrations.
		const victim = await spawnKillableApp(database.url);
		const acknowledged: string[] = [];
		let killed = false;
		const rush = Array.from({ length: 80 }, async (_, i) => {
			try {
				const r = await post(victim.url, ev.slug, person(50_000 + i, workshop));
				if (r.status === 201) acknowledged.push(r.json.id);
				if (acknowledged.length >= 15 && !killed) {
					killed = true;
					victim.child.kill('SIGKILL');
				}
			} catch {
				// The connection died with the server: not acknowledged.
			}
		});
		await Promise.all(rush);
		if (!killed) victim.child.kill('SIGKILL');
		await new Promise((r) => (victim.child.exitCode !== null || victim.child.signalCode !== null ? r(null) : victim.child.once('exit', r)));
		expect(victim.child.signalCode).toBe('SIGKILL');
		expect(acknowledged.length).toBeGreaterThanOrEqual(15);
		expect(acknowledged.length).toBeLessThan(80);

		const sink: SmtpSink = await startSmtpSink();
		const restarted = await startApp({ databaseUrl: database.url, env: { ...NO_LIMIT, SMTP_URL: sink.url(), MAIL_POLL_MS: '100' } });
		try {
			const rows = await db.db.selectFrom('registration').select(['id', 'email', 'status']).where('event_id', '=', ev.id).execute();
			const ids = new Set(rows.map((r) => r.id));
			for (const id of acknowledged) expect(ids.has(id), `acknowledged registration ${id} is missing`).toBe(true);
			expect(rows.every((r) => r.status === 'confirmed')).toBe(true);
			const seats = await db.db.selectFrom('registration_session').select(['status']).where('session_id', '=', workshop).execute();
			expect(seats.length).toBe(rows.length);
			expect(seats.filter((s) => s.status === 'confirmed').length).toBe(Math.min(20, rows.length));

			const stats = await fetch(`${restarted.url}/api/v1/events/${ev.slug}/stats`, { headers: { authorization: `Bearer ${token}` } }).then(
				(r) => r.json()
			);
			expect(stats.participants).toBe(rows.length);
			expect(stats.sessions[0]).toMatchObject({ confirmed: Math.min(20, rows.length), waitlisted: Math.max(0, rows.length - 20) });

			// The restarted process sends every queued confirmation, each exactly once.
			const deadline = Date.now() + 30_000;
			const wanted = new Set(rows.map((r) => r.email));
			const received = () => sink.received.filter((m) => m.subject.startsWith('Inscription confirmée') && wanted.has(m.envelopeTo[0]));
			while (received().length < rows.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
			await new Promise((r) => setTimeout(r, 500));
			const perAddress = new Map<string, number>();
			for (const m of received()) perAddress.set(m.envelopeTo[0], (perAddress.get(m.envelopeTo[0]) ?? 0) + 1);
			expect(perAddress.size).toBe(rows.length);
			expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
			const statuses = await db.db
				.selectFrom('mail_message')
				.select(['status'])
				.where('event_id', '=', ev.id)
				.where('kind', '=', 'registration-confirmed')
				.execute();
			expect(statuses.length).toBe(rows.length);
			expect(statuses.every((s) => s.status === 'sent')).toBe(true);
		} finally {
			await restarted.stop();
			await sink.close();
		}
	});
});

// The hosting guide's files, tested: docs/nginx-maillage.conf passes `nginx -t`, and is used as
// written (ports, upstreams and certificate aside) in front of two app processes on one
// PostgreSQL database for a registration rush: no place given twice, each confirmation sent
// once, and both processes served.
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '#lib/server/db/index.ts';
import { startSmtpSink } from '#lib/server/mail/smtp-sink.testing.ts';
import { DIALECTS, createTestDatabaseUrl } from '../helpers/db.ts';
import { newSession } from '../factories/registrations.ts';
import { ROOT, createUserWithToken } from './support.ts';
import { freePort, spawnApp, type HeldApp } from './ops-support.ts';
import { prepareNginx, type Nginx } from './nginx.ts';

const RUSH = 200;
const agent = new Agent({ keepAlive: true, maxSockets: 64, rejectUnauthorized: false });

/** A JSON request through nginx over TLS (its certificate is self-signed). */
function call(
	port: number,
	method: string,
	pathname: string,
	body?: unknown,
	token?: string
): Promise<{ status: number; json: any; headers: Record<string, unknown> }> {
	const data = body === undefined ? undefined : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method,
				path: pathname,
				agent,
				servername: 'localhost',
				headers: {
					host: `localhost:${port}`,
					...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
					...(token ? { authorization: `Bearer ${token}` } : {})
				}
			},
			(res) => {
				let text = '';
				res.on('data', (c: Buffer) => (text += c));
				res.on('end', () => {
					let json: unknown = null;
					try {
						json = JSON.parse(text);
					} catch {
						/* not JSON */
					}
					resolve({ status: res.statusCode!, json, headers: res.headers });
				});
			}
		);
		req.on('error', reject);
		req.end(data);
	});
}

describe('the nginx site of the hosting guide', () => {
	it('test_docs_nginx_site_passes_nginx_t', async () => {
		const nginx = await prepareNginx([await freePort(), await freePort()]);
		try {
			const { code, output } = nginx.check();
			expect(output).toMatch(/syntax is ok/);
			expect(output).toMatch(/test is successful/);
			expect(code).toBe(0);
		} finally {
			await nginx.stop();
		}
	});

	it('test_docs_systemd_unit_runs_the_server_and_stops_after_the_app_s_10_s', async () => {
		const unit = await readFile(path.join(ROOT, 'docs/maillage.service'), 'utf8');
		const exec = /^ExecStart=\S+ (\S+)$/m.exec(unit)?.[1];
		expect(exec).toBe('bin/serve.js');
		expect(Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThan(10);
		const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
		for (const name of unit.match(/\b[A-Z][A-Z_]+(?==)/g) ?? []) {
			if (['ExecStart', 'KillSignal'].includes(name)) continue;
			if (['NODE_ENV', 'HOST'].includes(name)) continue;
			expect(readme, `${name} is not documented in README.md`).toContain(`\`${name}\``);
		}
	});
});

describe.runIf(DIALECTS.includes('postgres'))('two app processes behind nginx on PostgreSQL', () => {
	let dir: string;
	let database: { url: string; drop(): Promise<void> } | undefined;
	const apps: HeldApp[] = [];
	let nginx: Nginx | undefined;

	afterAll(async () => {
		await nginx?.stop();
		for (const a of apps) await a.stop();
		await database?.drop();
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it(`test_a_rush_of_${RUSH}_through_nginx_never_overbooks_sends_each_confirmation_once_and_reaches_both_processes`, async () => {
		await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
		dir = await mkdtemp(path.join(ROOT, '.tmp', 'scale-'));
		database = await createTestDatabaseUrl('postgres', dir);
		const sink = await startSmtpSink();
		const ports = [await freePort(), await freePort()];
		nginx = await prepareNginx(ports);
		const publicUrl = `https://localhost:${nginx.httpsPort}`;
		const proxyEnv = {
			SMTP_URL: sink.url(),
			PUBLIC_URL: publicUrl,
			PROTOCOL_HEADER: 'x-forwarded-proto',
			HOST_HEADER: 'x-forwarded-host',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1'
		};
		apps.push(await spawnApp(database.url, { ...proxyEnv, PORT: String(ports[0]) }));
		apps.push(await spawnApp(database.url, { ...proxyEnv, PORT: String(ports[1]) }));
		await nginx.start();
		const token = await createUserWithToken('rush@exemple.org', database.url);
		const db = createDb(database.url);
		try {
			const ready = await call(nginx.httpsPort, 'GET', '/readyz');
			expect(ready.status).toBe(200);
			const ev = (
				await call(
					nginx.httpsPort,
					'POST',
					'/api/v1/events',
					{
						title: 'Derrière nginx',
						themes: ['Inclusion', 'Communs'],
						startsAt: '2027-10-07T09:00:00+02:00',
						endsAt: '2027-10-07T17:00:00+02:00',
						format: 'onsite',
						venue: { name: 'Halle', inseeCode: '87085' }
					},
					token
				)
			).json as { id: string; slug: string };
			expect((await call(nginx.httpsPort, 'PATCH', `/api/v1/events/${ev.slug}`, { status: 'published', capacity: 30 }, token)).status).toBe(
				200
			);
			const workshop = await newSession(db.db, ev.id, { title: 'Atelier', capacity: 5 });

			const results = await Promise.all(
				Array.from({ length: RUSH }, (_, i) =>
					call(nginx!.httpsPort, 'POST', `/api/v1/events/${ev.slug}/registrations`, {
						firstName: 'Personne',
						lastName: `Numéro ${i}`,
						email: `nginx.${i}@exemple.org`,
						structure: { name: `Structure ${i % 11}`, type: 'association' },
						role: 'mediateur-numerique',
						inseeCode: '87085',
						sessionIds: [workshop],
						consents: { terms: true }
					})
				)
			);
			expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.status)).toEqual([]);
			expect(results.filter((r) => r.status === 201)).toHaveLength(30);
			const confirmed = await db.db
				.selectFrom('registration')
				.select('email')
				.where('event_id', '=', ev.id)
				.where('status', '=', 'confirmed')
				.execute();
			expect(confirmed).toHaveLength(30);
			const seats = await db.db.selectFrom('registration_session').select('status').where('session_id', '=', workshop).execute();
			expect(seats.filter((s) => s.status === 'confirmed')).toHaveLength(5);

			// Each confirmation reaches the SMTP server once, whichever process wrote and sent it.
			const wanted = new Set(confirmed.map((r) => r.email));
			const received = () => sink.received.filter((m) => m.subject.startsWith('Inscription confirmée') && wanted.has(m.envelopeTo[0]));
			const deadline = Date.now() + 60_000;
			while (received().length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
			await new Promise((r) => setTimeout(r, 1_000));
			expect(received()).toHaveLength(30);
			expect(new Set(received().map((m) => m.envelopeTo[0])).size).toBe(30);

			// Both processes answered registrations (nginx's round robin), and nginx logged both upstreams.
			for (const app of apps)
				expect(app.lines().filter((l) => l.msg === 'request' && l.route === '/api/v1/events/[slug]/registrations').length).toBeGreaterThan(
					0
				);
			const log = await nginx.accessLog();
			for (const port of ports) expect(log).toContain(`127.0.0.1:${port}`);
		} finally {
			await db.db.destroy();
			await sink.close();
		}
	}, 400_000);
});

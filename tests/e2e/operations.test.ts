// Operations, against the built app in a child process: the health endpoints, the JSON log (one
// line per request, job run and e-mail; no address), a graceful stop on SIGTERM, and the one
// French line that a wrong configuration gets at start.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '#lib/server/db/index.ts';
import { startSmtpSink } from '#lib/server/mail/smtp-sink.testing.ts';
import { ROOT } from './support.ts';
import { spawnApp, type HeldApp } from './ops-support.ts';

let dir: string;
beforeAll(async () => {
	await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
	dir = await mkdtemp(path.join(ROOT, '.tmp', 'ops-'));
});
afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

let n = 0;
const freshSqlite = () => `file:${path.join(dir, `db-${++n}.sqlite`)}`;

async function askMagicLink(app: HeldApp, email: string, requestId?: string): Promise<Response> {
	const res = await fetch(`${app.url}/connexion?/magicLink`, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: app.url,
			...(requestId ? { 'x-request-id': requestId } : {})
		},
		body: new URLSearchParams({ email, next: '/organisateur' }).toString(),
		redirect: 'manual'
	});
	await res.arrayBuffer();
	return res;
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 15_000): Promise<T> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		const value = probe();
		if (value) return value;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`${what}: not within ${ms} ms`);
}

describe('health endpoints', () => {
	it('test_healthz_and_readyz_answer_json_never_cached', async () => {
		const app = await spawnApp(freshSqlite());
		try {
			const live = await fetch(`${app.url}/healthz`);
			expect(live.status).toBe(200);
			expect(live.headers.get('cache-control')).toBe('no-store');
			expect(await live.json()).toMatchObject({ status: 'ok' });
			const ready = await fetch(`${app.url}/readyz`);
			expect(ready.status).toBe(200);
			expect(ready.headers.get('cache-control')).toBe('no-store');
			expect(await ready.json()).toMatchObject({
				status: 'ok',
				checks: { database: { status: 'ok', dialect: 'sqlite' }, migrations: { status: 'ok', pending: [] }, outbox: { status: 'ok' } }
			});
		} finally {
			expect(await app.stop()).toBe(0);
		}
	});
});

describe('structured log', () => {
	it('test_each_request_job_run_and_mail_is_one_json_line_with_ids_and_no_address', async () => {
		const sink = await startSmtpSink();
		const app = await spawnApp(freshSqlite(), { SMTP_URL: sink.url() });
		try {
			const res = await askMagicLink(app, 'camille.secret@exemple.org', 'essai-123');
			expect(res.status).toBe(200);
			expect(res.headers.get('x-request-id')).toBe('essai-123');
			await until('the e-mail', () => sink.received.length === 1);
			const sent = await until('the mail line', () => app.lines().find((l) => l.msg === 'mail sent'));
			expect(sent.mail).toMatchObject({ kind: 'magic-link', attempts: 1 });
			expect(sent.mail.id).toMatch(/^[0-9a-f-]{36}$/);
			// The periodic jobs run 5 s after the start.
			const job = await until('a job line', () => app.lines().find((l) => l.msg === 'job run'));
			expect(typeof job.job).toBe('string');
			expect(typeof job.durationMs).toBe('number');
		} finally {
			expect(await app.stop()).toBe(0);
			await sink.close();
		}
		const request = app.lines().find((l) => l.requestId === 'essai-123');
		expect(request).toMatchObject({ level: 'info', msg: 'request', method: 'POST', route: '/(public)/connexion', status: 200 });
		expect(typeof request!.durationMs).toBe('number');
		const printed = app.output().trim().split('\n');
		expect(printed.filter((l) => !l.startsWith('{'))).toEqual([]);
		expect(app.output()).not.toMatch(/camille|exemple\.org/);
	});

	it('test_log_format_pretty_writes_lines_for_people_and_log_level_warn_hides_requests', async () => {
		const pretty = await spawnApp(freshSqlite(), { LOG_FORMAT: 'pretty' });
		await fetch(`${pretty.url}/healthz`).then((r) => r.arrayBuffer());
		expect(await pretty.stop()).toBe(0);
		expect(pretty.output()).toMatch(/INFO.*listening/);
		expect(pretty.output()).not.toContain('{"level"');

		const quiet = await spawnApp(freshSqlite(), { LOG_LEVEL: 'warn' });
		await fetch(`${quiet.url}/healthz`).then((r) => r.arrayBuffer());
		expect(await quiet.stop()).toBe(0);
		expect(quiet.lines().filter((l) => l.msg === 'request')).toEqual([]);
	});
});

/** The sign-in form posted with its body in two halves, the second when `finish()` is called. */
function slowUpload(port: number) {
	const body = new URLSearchParams({ email: 'pas-une-adresse', next: '/organisateur' }).toString();
	let finish!: () => void;
	let accepted!: () => void;
	const acceptedP = new Promise<void>((r) => (accepted = r));
	const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: '/connexion?/magicLink',
				headers: {
					host: `localhost:${port}`,
					origin: `http://localhost:${port}`,
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection }));
			}
		);
		req.on('error', reject);
		req.on('socket', (socket) => socket.on('connect', () => setTimeout(accepted, 200)));
		req.write(body.slice(0, 10));
		finish = () => req.end(body.slice(10));
	});
	return { accepted: acceptedP, answer, finish: () => finish() };
}

describe('graceful stop', () => {
	it('test_sigterm_answers_requests_in_flight_finishes_the_send_closes_and_exits_within_10_s', async () => {
		let dataStarted = false;
		const sink = await startSmtpSink({ acceptAfterMs: 2_500, onDataStart: () => (dataStarted = true) });
		const databaseUrl = freshSqlite();
		const app = await spawnApp(databaseUrl, { SMTP_URL: sink.url() });
		expect((await askMagicLink(app, 'arret@exemple.org')).status).toBe(200);
		await until('the SMTP exchange', () => dataStarted);

		// Three requests in flight: their bodies are still arriving when SIGTERM comes.
		const uploads = Array.from({ length: 3 }, () => slowUpload(app.port));
		await Promise.all(uploads.map((u) => u.accepted));
		const started = Date.now();
		app.child.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 300));
		// A new connection is refused (a kept-alive one would still be answered, with `Connection: close`).
		const late = await new Promise<string>((resolve) => {
			const socket = connect(app.port, '127.0.0.1');
			socket.once('connect', () => (socket.destroy(), resolve('accepted')));
			socket.once('error', () => resolve('refused'));
		});
		for (const u of uploads) u.finish();
		const answers = await Promise.all(uploads.map((u) => u.answer));
		const code = await app.exited;
		const elapsed = Date.now() - started;

		// Answered (the address is refused), on a connection that then closes.
		for (const a of answers) expect(a).toMatchObject({ status: expect.toSatisfy((s: number) => s >= 400 && s < 500), connection: 'close' });
		expect(late).toBe('refused');
		expect(code).toBe(0);
		expect(elapsed).toBeLessThan(10_000);
		// The message being sent at SIGTERM was finished, and recorded as sent, once.
		expect(elapsed).toBeGreaterThan(1_500);
		expect(sink.received.map((m) => m.envelopeTo[0])).toEqual(['arret@exemple.org']);
		const db = createDb(databaseUrl);
		try {
			const rows = await db.db.selectFrom('mail_message').select(['status']).where('kind', '=', 'magic-link').execute();
			expect(rows).toEqual([{ status: 'sent' }]);
		} finally {
			await db.db.destroy();
			await sink.close();
		}
		expect(app.lines().map((l) => l.msg)).toContain('stopped');
	});
});

describe('start-up errors', () => {
	async function startFails(env: Record<string, string>, databaseUrl = freshSqlite()): Promise<string> {
		const app = await spawnApp(databaseUrl, env, { waitHealthy: false });
		const code = await Promise.race([app.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 40_000))]);
		if (code === 'hung') await app.stop(100);
		expect(code).toBe(1);
		const lines = app.output().trim().split('\n');
		expect(lines, app.output()).toHaveLength(1);
		expect(app.output()).not.toMatch(/\n\s+at /);
		return lines[0];
	}

	it('test_a_wrong_database_url_is_one_french_line_without_the_password', async () => {
		const line = await startFails({}, 'mysql://maillage:s3cret@db.exemple.org/maillage');
		expect(line).toBe(
			'maillage : DATABASE_URL : « mysql://maillage:***@db.exemple.org/maillage » n’est pas reconnue (attendu postgres://… pour PostgreSQL ou file:CHEMIN pour SQLite)'
		);
	});

	it('test_an_unreachable_or_missing_postgresql_is_one_french_line', async () => {
		expect(await startFails({}, 'postgres://postgres@127.0.0.1:1/maillage')).toBe(
			'maillage : PostgreSQL ne répond pas à 127.0.0.1:1 (ECONNREFUSED) : démarrez le serveur ou corrigez l’hôte de DATABASE_URL'
		);
		const admin = new URL(process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
		admin.pathname = '/maillage_absente';
		expect(await startFails({}, admin.toString())).toMatch(
			/^maillage : PostgreSQL : la base « maillage_absente » n’existe pas sur .* : créez-la/
		);
	});

	it('test_an_unreachable_smtp_server_and_a_bad_log_level_are_one_french_line', async () => {
		expect(await startFails({ SMTP_URL: 'smtp://127.0.0.1:1?ignoreTLS=true' })).toMatch(
			/^maillage : le serveur SMTP 127\.0\.0\.1:1 ne répond pas ou refuse la connexion \(connect ECONNREFUSED 127\.0\.0\.1:1\) : corrigez SMTP_URL/
		);
		expect(await startFails({ LOG_LEVEL: 'bavard' })).toMatch(/^maillage : LOG_LEVEL : niveau inconnu « bavard »/);
	});
});

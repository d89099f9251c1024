#!/usr/bin/env node
/**
 * `npm run bench:registration`: 2,000 people register for an event whose workshops hold 30 seats
 * each, 100 connections at a time, against the built app (SvelteKit, `bin/serve.js`) and against a
 * bare `node:http` server that runs the same service (same validation, same transaction, same
 * e-mail queued, the same renderer writing it after the answer), on SQLite and on PostgreSQL (when
 * one answers), in the same run. Prints the sustained rate and p50/p99 latency of each, the CPU
 * time each server spent per registration and, on Linux, the share of the machine's time its host
 * took (steal) and left idle meanwhile, how long after the last answer every confirmation was
 * written, then checks the invariants:
 * confirmed ≤ capacity for the event and every workshop, every 201 has its row, every row its one
 * confirmation, written, with the person's private link.
 *
 * Two loads, in this order: a rush, the same number of people arriving evenly over --rush-seconds
 * (10), latency counted from each one's arrival; then saturation, each connection sending the next
 * registration as soon as the previous one is answered (p99 is then bound to be about
 * connections / rate). The app's resident memory is reported at rest, at its peak during the rush
 * and at its peak at saturation (the rush comes first: memory seldom goes back down).
 *
 * Options: --people N (2000), --concurrency C (100), --dialect sqlite|postgres (both), --profile
 * (CPU profiles of both servers in .tmp/bench-profile/), --app-flags "…" (node flags for the app
 * server, to compare settings: e.g. --app-flags "--max-semi-space-size=16").
 * Internal: --baseline PORT DATABASE_URL runs the bare server (a child process of the bench).
 */
import http from 'node:http';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { rssMb, samplePeakRss } from './process-memory.ts';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb, type DbHandle } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { createEvent, updateEvent } from '../src/lib/server/events/event.service.ts';
import { registerParticipant } from '../src/lib/server/registrations/registration.service.ts';
import { registrationMailRenderers } from '../src/lib/server/registrations/registration-confirmation.ts';
import { startMailRenderer } from '../src/lib/server/mail/mail-renderer.ts';
import { updateRegistrationSettings } from '../src/lib/server/registrations/registration-settings.service.ts';
import { registrationRushOn } from '../src/lib/server/registrations/registration-quota.ts';
import { ConflictError, ValidationError } from '../src/lib/server/validation.ts';
import { applyServerTimeouts } from '../bin/server-timeouts.ts';

/**
 * Both servers share the database. Each writes the confirmations of the registrations it answered
 * (its renderer is kicked after each answer); neither polls the outbox meanwhile, which would have
 * one write the other's during the other's measure.
 */
const OUTBOX_POLL_MS = 600_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
};

// ---------------------------------------------------------------------------------------------
// The bare server: node:http, JSON in, the registration service, JSON out. Nothing else.

async function runBaseline(port: number, databaseUrl: string): Promise<void> {
	const handle = createDb(databaseUrl);
	const ctx = { db: handle.db, publicUrl: `http://localhost:${port}` };
	// As the app: confirmations are written after the answer, by the outbox's renderer, once the rush
	// has passed; it looks at the outbox when kicked (see OUTBOX_POLL_MS).
	const renderer = startMailRenderer(handle.db, registrationMailRenderers(ctx.publicUrl), {
		pollMs: OUTBOX_POLL_MS,
		hold: { while: registrationRushOn }
	});
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const slug = /^\/api\/v1\/events\/([^/]+)\/registrations$/.exec(req.url ?? '')?.[1];
			const reply = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method !== 'POST' || !slug) return reply(404, {});
			try {
				const r = await registerParticipant(ctx, null, slug, JSON.parse(Buffer.concat(chunks).toString('utf8')));
				reply(r.created ? 201 : 200, { id: r.id, status: r.status, sessions: r.sessions, manageToken: r.manageToken });
				renderer.kick();
			} catch (e) {
				if (e instanceof ValidationError) return reply(422, { errors: e.issues });
				if (e instanceof ConflictError) return reply(409, { errors: e.issues });
				reply(500, { error: String(e) });
			}
		});
	});
	// The app's keep-alive and headers timeouts (bin/serve.js).
	applyServerTimeouts(server, process.env);
	// Exits cleanly on SIGTERM so that `--profile` gets its CPU profile written.
	process.once('SIGTERM', () => process.exit(0));
	server.listen(port, '127.0.0.1', () => console.log('ready'));
}

// ---------------------------------------------------------------------------------------------
// Setup, load, checks

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
		});
	});
}

async function waitHealthy(url: string, child: ChildProcess, logs: () => string): Promise<void> {
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) throw new Error(`server exited:\n${logs()}`);
		const ok = await fetch(url)
			.then((r) => r.status < 500)
			.catch(() => false);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server not ready:\n${logs()}`);
}

/** A server as a child process; if it exits before the bench stops it, what it printed is shown. */
function startChild(args: string[], env: Record<string, string>): { child: ChildProcess; logs: () => string; stop(): void } {
	let out = '';
	let stopping = false;
	const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout!.on('data', (c: Buffer) => (out += c));
	child.stderr!.on('data', (c: Buffer) => (out += c));
	child.once('exit', (code, signal) => {
		if (!stopping)
			console.error(`  PROBLEM: ${path.basename(args.at(-1)!)} exited (${signal ?? code}) during the bench:\n${out.slice(-4000)}`);
	});
	process.once('exit', () => child.kill('SIGKILL'));
	return {
		child,
		logs: () => out.slice(-4000),
		stop: () => {
			stopping = true;
			child.kill('SIGTERM');
		}
	};
}

interface EventSetup {
	id: string;
	slug: string;
	slots: string[][];
}

/** An event of one day with 3 time slots of 8 parallel workshops of 30 seats each (720 seats). */
async function setupEvent(handle: DbHandle, ownerId: string, title: string, capacity: number): Promise<EventSetup> {
	const ctx = { db: handle.db, publicUrl: 'http://localhost' };
	const owner = { id: ownerId, isAdmin: false };
	const ev = await createEvent(ctx, owner, {
		title,
		themes: ['Inclusion numérique', 'Communs'],
		startsAt: '2027-11-18T09:00:00+01:00',
		endsAt: '2027-11-18T17:30:00+01:00',
		format: 'onsite',
		venue: { name: 'Palais des congrès', inseeCode: '87085' }
	});
	await updateEvent(ctx, owner, ev.slug, { status: 'published' });
	await updateRegistrationSettings(ctx, owner, ev.slug, { capacity });
	const slots: string[][] = [];
	const now = new Date().toISOString();
	for (const [s, start] of ['09:30', '11:00', '14:00'].entries()) {
		const ids: string[] = [];
		for (let w = 0; w < 8; w++) {
			const id = crypto.randomUUID();
			const [h, m] = start.split(':').map(Number);
			const startsAt = new Date(Date.UTC(2027, 10, 18, h - 1, m)).toISOString();
			const endsAt = new Date(Date.UTC(2027, 10, 18, h, m + 15)).toISOString();
			await handle.db
				.insertInto('session')
				.values({
					id,
					event_id: ev.id,
					title: `Atelier ${s + 1}.${w + 1}`,
					format: 'workshop',
					description: '',
					themes: '[]',
					starts_at: startsAt,
					ends_at: endsAt,
					room_id: null,
					audience: '[]',
					expected_attendance: null,
					capacity: 30,
					requires_registration: 1,
					synthesis: '',
					synthesis_published: 0,
					created_at: now,
					updated_at: now
				})
				.execute();
			ids.push(id);
		}
		slots.push(ids);
	}
	return { id: ev.id, slug: ev.slug, slots };
}

function body(n: number, tag: string, ev: EventSetup): string {
	return JSON.stringify({
		firstName: 'Camille',
		lastName: `Bench ${n}`,
		email: `${tag}.${n}@bench.example.org`,
		structure: { name: `Structure ${n % 250}`, type: ['association', 'collectivite', 'tiers-lieu'][n % 3] },
		role: ['mediateur-numerique', 'elu', 'conseiller-numerique', 'agent'][n % 4],
		inseeCode: ['87085', '23096', '19272'][n % 3],
		sessionIds: ev.slots.map((slot, s) => slot[(n * 7 + s * 3) % slot.length]),
		consents: { terms: true, newsletter: n % 2 === 0, photos: n % 3 === 0 }
	});
}

interface LoadResult {
	statuses: Map<number, number>;
	ids: string[];
	latencies: number[];
	/** Requests that got no answer (the connection failed), by reason. */
	failures: Map<string, number>;
	seconds: number;
	/** CPU time the server process used meanwhile (ms; Linux only). */
	serverCpuMs?: number;
	/** Shares of the machine's CPU time meanwhile (Linux only): stolen by the host, and idle. */
	machine?: { steal: number; idle: number };
}

/** Jiffies of a process (all its threads), from /proc; null where there is none. */
function processCpuTicks(pid: number): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return Number(fields[11]) + Number(fields[12]);
	} catch {
		return null;
	}
}

/** The machine's CPU time by kind (user… steal), from /proc/stat; null where there is none. */
function machineTicks(): number[] | null {
	try {
		return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
	} catch {
		return null;
	}
}

/**
 * `run`, and what it cost the server and the machine. Why: this bench runs on shared virtual
 * machines whose host may take CPU time from them (steal); the server's CPU time per registration
 * does not depend on it, and the steal says how far the rates and latencies could.
 */
async function measured(pid: number | undefined, run: () => Promise<LoadResult>): Promise<LoadResult> {
	const cpu0 = pid ? processCpuTicks(pid) : null;
	const m0 = machineTicks();
	const result = await run();
	const cpu1 = pid ? processCpuTicks(pid) : null;
	const m1 = machineTicks();
	if (cpu0 !== null && cpu1 !== null) result.serverCpuMs = ((cpu1 - cpu0) * 1000) / CLOCK_TICKS;
	if (m0 && m1) {
		const d = m1.map((v, i) => v - m0[i]);
		const total = d.reduce((a, b) => a + b, 0) || 1;
		result.machine = { steal: d[7] / total, idle: (d[3] + d[4]) / total };
	}
	return result;
}
/** Linux's USER_HZ: /proc counts CPU time in hundredths of a second. */
const CLOCK_TICKS = 100;

/**
 * `people` POSTs over `concurrency` keep-alive connections of `agent` (kept from one load to the
 * next: the connections the warm-up opened are those measured). Without `rate`: each connection sends
 * one after the other, as fast as the server answers (saturation). With `rate` (people per
 * second): each person arrives at their time, whether or not earlier ones were answered, and
 * waits for a free connection if all are busy; latency counts from their arrival (a rush).
 */
async function load(
	agent: http.Agent,
	port: number,
	ev: EventSetup,
	tag: string,
	people: number,
	concurrency: number,
	offset = 0,
	rate?: number
): Promise<LoadResult> {
	const statuses = new Map<number, number>();
	const ids: string[] = [];
	const latencies: number[] = [];
	const failures = new Map<string, number>();
	let next = 0;
	const one = (n: number, arrival = performance.now()) =>
		new Promise<void>((resolve) => {
			const payload = body(offset + n, tag, ev);
			const t0 = arrival;
			const req = http.request(
				{
					host: '127.0.0.1',
					port,
					agent,
					method: 'POST',
					path: `/api/v1/events/${ev.slug}/registrations`,
					headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => {
						latencies.push(performance.now() - t0);
						statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
						if (res.statusCode === 201) ids.push(JSON.parse(Buffer.concat(chunks).toString()).id);
						resolve();
					});
				}
			);
			// Counted and reported as a problem, not thrown: the rest of the run still says what happened.
			req.on('error', (e: NodeJS.ErrnoException) => {
				const why = `${e.code ?? e.message}${req.reusedSocket ? ' on a kept-alive connection' : ''}`;
				failures.set(why, (failures.get(why) ?? 0) + 1);
				resolve();
			});
			req.end(payload);
		});
	const t0 = performance.now();
	if (rate) {
		const sent: Promise<void>[] = [];
		for (let n = 0; n < people; n++) {
			const arrival = t0 + (n * 1000) / rate;
			const wait = arrival - performance.now();
			if (wait > 1) await new Promise((r) => setTimeout(r, wait));
			sent.push(one(n, arrival));
		}
		await Promise.all(sent);
	} else
		await Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < people) await one(next++);
			})
		);
	const seconds = (performance.now() - t0) / 1000;
	return { statuses, ids, latencies, failures, seconds };
}

/** Milliseconds until no confirmation of `ev` waits to be written (at most 60 s). */
async function writtenAfter(handle: DbHandle, ev: EventSetup): Promise<number> {
	const t0 = performance.now();
	while (performance.now() - t0 < 60_000) {
		const left = await handle.db
			.selectFrom('mail_message')
			.select((eb) => eb.fn.countAll<string | number>().as('n'))
			.where('event_id', '=', ev.id)
			.where('status', '=', 'preparing')
			.executeTakeFirstOrThrow();
		if (Number(left.n) === 0) break;
		await new Promise((r) => setTimeout(r, 25));
	}
	return performance.now() - t0;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function verify(handle: DbHandle, ev: EventSetup, capacity: number, result: LoadResult): Promise<string[]> {
	const problems: string[] = [];
	const rows = await handle.db.selectFrom('registration').select(['id', 'status']).where('event_id', '=', ev.id).execute();
	const confirmed = rows.filter((r) => r.status === 'confirmed').length;
	if (confirmed > capacity) problems.push(`event: ${confirmed} confirmed > capacity ${capacity}`);
	const seats = await handle.db
		.selectFrom('registration_session')
		.innerJoin('session', 'session.id', 'registration_session.session_id')
		.select(['session.id', 'session.capacity', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('session.event_id', '=', ev.id)
		.where('registration_session.status', '=', 'confirmed')
		.groupBy(['session.id', 'session.capacity'])
		.execute();
	for (const s of seats) if (Number(s.n) > Number(s.capacity)) problems.push(`session ${s.id}: ${s.n} confirmed > ${s.capacity}`);
	const ids = new Set(rows.map((r) => r.id));
	const missing = result.ids.filter((id) => !ids.has(id));
	if (missing.length) problems.push(`${missing.length} acknowledged registrations missing`);
	for (const [why, n] of result.failures) problems.push(`${n} requests got no answer (${why})`);
	const mails = await handle.db
		.selectFrom('mail_message')
		.select(['to_address', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('event_id', '=', ev.id)
		.where('kind', '=', 'registration-confirmed')
		.groupBy('to_address')
		.execute();
	if (mails.length !== rows.length) problems.push(`${rows.length} registrations but ${mails.length} addresses with a confirmation`);
	if (mails.some((m) => Number(m.n) !== 1)) problems.push('an address has more than one confirmation');
	const unwritten = await handle.db
		.selectFrom('mail_message')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('event_id', '=', ev.id)
		.where('kind', '=', 'registration-confirmed')
		.where((eb) => eb.or([eb('status', '!=', 'pending'), eb('text_body', 'not like', '%/inscription/mrg_%')]))
		.executeTakeFirstOrThrow();
	if (Number(unwritten.n) > 0) problems.push(`${unwritten.n} confirmations not written (or without their private link)`);
	const seatsTaken = seats.reduce((sum, s) => sum + Number(s.n), 0);
	console.log(
		`    check: ${rows.length} registrations (${confirmed} confirmed ≤ ${capacity}), ${seatsTaken} workshop seats (≤ 30 each), ${mails.length} confirmations written`
	);
	return problems;
}

async function createDatabase(dialect: 'sqlite' | 'postgres', dir: string): Promise<{ url: string; drop(): Promise<void> } | null> {
	if (dialect === 'sqlite') return { url: `file:${path.join(dir, 'bench.sqlite')}`, drop: async () => {} };
	const admin = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
	try {
		await admin.connect();
	} catch {
		return null;
	}
	const name = `maillage_bench_${Date.now().toString(36)}`;
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(PG_ADMIN);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const a = new pg.Client({ connectionString: PG_ADMIN });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		}
	};
}

async function benchDialect(dialect: 'sqlite' | 'postgres', people: number, concurrency: number, rushSeconds: number): Promise<boolean> {
	const dir = await mkdtemp(path.join(ROOT, '.tmp', 'bench-'));
	const database = await createDatabase(dialect, dir);
	if (!database) {
		console.log(`\n${dialect}: no server at ${PG_ADMIN}, skipped`);
		await rm(dir, { recursive: true, force: true });
		return true;
	}
	const handle = createDb(database.url);
	const children: ReturnType<typeof startChild>[] = [];
	const agents: http.Agent[] = [];
	try {
		await migrateToLatest(handle.db);
		const ownerId = crypto.randomUUID();
		const now = new Date().toISOString();
		await handle.db
			.insertInto('user')
			.values({
				id: ownerId,
				name: 'Bench',
				email: 'bench@example.org',
				email_verified: 1,
				image: null,
				is_admin: 0,
				locale: null,
				created_at: now,
				updated_at: now
			})
			.execute();
		const capacity = people + 500;
		const appEvent = await setupEvent(handle, ownerId, 'Bench app', capacity);
		const bareEvent = await setupEvent(handle, ownerId, 'Bench bare', capacity);
		const warmEvent = await setupEvent(handle, ownerId, 'Bench warm-up', 100_000);

		const appPort = await freePort();
		// `--profile`: CPU profiles of both servers under load, in .tmp/bench-profile/.
		const profile = process.argv.includes('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.tmp', 'bench-profile')}`] : [];
		const appStartedAt = performance.now();
		const app = startChild([...profile, ...arg('app-flags', '').split(' ').filter(Boolean), path.join(ROOT, 'bin/serve.js')], {
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(appPort),
			PUBLIC_URL: `http://localhost:${appPort}`,
			DATABASE_URL: database.url,
			MAIL_POLL_MS: String(OUTBOX_POLL_MS),
			REGISTRATION_RATE_LIMIT: 'off'
		});
		children.push(app);
		const barePort = await freePort();
		const bare = startChild([...profile, fileURLToPath(import.meta.url), '--baseline', String(barePort), database.url], {
			NODE_ENV: 'production'
		});
		children.push(bare);
		await waitHealthy(`http://127.0.0.1:${appPort}/healthz`, app.child, app.logs);
		// From spawning the process to its first answer (polled every 100 ms), then at rest.
		const firstAnswerMs = performance.now() - appStartedAt;
		await waitHealthy(`http://127.0.0.1:${barePort}/`, bare.child, bare.logs);
		await new Promise((r) => setTimeout(r, 2000));
		const idleRss = rssMb(app.child.pid);

		// The rush first, on a server that has only started: its memory peak is the one a rush
		// gives (RSS seldom goes back down, so a saturation before it would be counted in it). The
		// same number of people arriving evenly over `rushSeconds`, after a warm-up at the same
		// rate (JIT, connection pools) on an event of its own.
		const appAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
		const bareAgent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
		agents.push(appAgent, bareAgent);
		const rushRate = people / rushSeconds;
		const warmPeople = 300;
		const appRushEvent = await setupEvent(handle, ownerId, 'Bench app rush', capacity);
		const bareRushEvent = await setupEvent(handle, ownerId, 'Bench bare rush', capacity);
		let appPeak = samplePeakRss(app.child.pid);
		let barePeak = samplePeakRss(bare.child.pid);
		await load(appAgent, appPort, warmEvent, 'warm-app', warmPeople, concurrency, 0, rushRate);
		await writtenAfter(handle, warmEvent);
		const appRush = await measured(app.child.pid, () =>
			load(appAgent, appPort, appRushEvent, 'app-rush', people, concurrency, 0, rushRate)
		);
		const appRushWritten = await writtenAfter(handle, appRushEvent);
		const appRushRss = appPeak.stop();
		await load(bareAgent, barePort, warmEvent, 'warm-bare', warmPeople, concurrency, 1000, rushRate);
		await writtenAfter(handle, warmEvent);
		const bareRush = await measured(bare.child.pid, () =>
			load(bareAgent, barePort, bareRushEvent, 'bare-rush', people, concurrency, 0, rushRate)
		);
		const bareRushWritten = await writtenAfter(handle, bareRushEvent);
		const bareRushRss = barePeak.stop();

		// Then saturation: each connection sends the next registration as soon as the previous one
		// is answered. Warmed up at saturation first, then measured on the connections the warm-up
		// opened. Why not new ones: Node accepts one connection per turn of its event loop (libuv),
		// and a turn under load lasts a batch, so a hundred connections opened at once while the
		// server is busy would measure how fast it accepts, not how fast it registers. (Keep-alive
		// connections, as a reverse proxy keeps.) After each measure, the time until every
		// confirmation is written (each server writes its own after answering): the next measure
		// starts on an idle machine.
		appPeak = samplePeakRss(app.child.pid);
		barePeak = samplePeakRss(bare.child.pid);
		await load(appAgent, appPort, warmEvent, 'warm-app-saturation', warmPeople, concurrency, 2000);
		await writtenAfter(handle, warmEvent);
		const appResult = await measured(app.child.pid, () => load(appAgent, appPort, appEvent, 'app', people, concurrency));
		const appWritten = await writtenAfter(handle, appEvent);
		const appSaturationRss = appPeak.stop();
		await load(bareAgent, barePort, warmEvent, 'warm-bare-saturation', warmPeople, concurrency, 3000);
		await writtenAfter(handle, warmEvent);
		const bareResult = await measured(bare.child.pid, () => load(bareAgent, barePort, bareEvent, 'bare', people, concurrency));
		const bareWritten = await writtenAfter(handle, bareEvent);
		const bareSaturationRss = barePeak.stop();

		console.log(
			`\n${dialect} — ${people} registrations, ${concurrency} connections, workshops of 30 seats (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)})`
		);
		const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
		const line = (name: string, r: LoadResult) => {
			const sorted = [...r.latencies].sort((a, b) => a - b);
			const rate = r.latencies.length / r.seconds;
			const cpu = r.serverCpuMs !== undefined ? `   CPU ${(r.serverCpuMs / r.latencies.length).toFixed(2)} ms each` : '';
			const host = r.machine ? `   machine: ${pct(r.machine.steal)} stolen, ${pct(r.machine.idle)} idle` : '';
			console.log(
				`  ${name.padEnd(22)} ${rate.toFixed(0).padStart(6)} registrations/s   p50 ${percentile(sorted, 50).toFixed(1).padStart(6)} ms   p99 ${percentile(sorted, 99).toFixed(1).padStart(6)} ms${cpu}${host}   statuses ${JSON.stringify(Object.fromEntries(r.statuses))}`
			);
			return { rate, p99: percentile(sorted, 99) };
		};
		console.log('  saturation: each connection sends the next registration as soon as the previous one is answered');
		const a = line('SvelteKit app', appResult);
		const b = line('bare node:http', bareResult);
		console.log(`  app / baseline: ${((a.rate / b.rate) * 100).toFixed(0)}% (goal ≥ 40%); app p99 ${a.p99.toFixed(1)} ms (goal < 100 ms)`);
		console.log(
			`  at saturation the mean latency is connections / rate (Little's law), and p99 is above it: ${((concurrency / a.rate) * 1000).toFixed(0)} ms for the app, ${((concurrency / b.rate) * 1000).toFixed(0)} ms for the bare server`
		);
		console.log(
			`  rush: ${people} people arriving evenly over ${rushSeconds} s (${rushRate.toFixed(0)}/s), at most ${concurrency} connections, latency from arrival`
		);
		const ar = line('SvelteKit app', appRush);
		line('bare node:http', bareRush);
		console.log(`  app p99 during the rush ${ar.p99.toFixed(1)} ms (goal < 100 ms): ${ar.p99 < 100 ? 'met' : 'NOT met'}`);
		const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);
		const ratio = (a: number | null, b: number | null) => (a && b ? (a / b).toFixed(2) : 'n/a');
		console.log(
			`  app memory (RSS): idle ${mb(idleRss)} (goal < 100 MB); peak during the rush ${mb(appRushRss)} (goal < 180 MB; bare node:http server ${mb(bareRushRss)}, ratio ${ratio(appRushRss, bareRushRss)}); peak at saturation ${mb(appSaturationRss)} (bare ${mb(bareSaturationRss)}, ratio ${ratio(appSaturationRss, bareSaturationRss)})`
		);
		console.log(`  first answer ${secs(firstAnswerMs)} after start (goal < 2 s on SQLite)`);
		console.log(
			`  every confirmation written (after the last answer): saturation app ${secs(appWritten)}, bare ${secs(bareWritten)}; rush app ${secs(appRushWritten)}, bare ${secs(bareRushWritten)}`
		);
		const results = [
			[appEvent, appResult],
			[bareEvent, bareResult],
			[appRushEvent, appRush],
			[bareRushEvent, bareRush]
		] as const;
		const problems: string[] = [];
		for (const [ev, r] of results) problems.push(...(await verify(handle, ev, capacity, r)));
		const errors = results.flatMap(([, r]) => [...r.statuses.keys()]).filter((s) => s !== 201);
		if (errors.length) problems.push(`unexpected statuses: ${errors.join(', ')}`);
		for (const p of problems) console.log(`  PROBLEM: ${p}`);
		return problems.length === 0;
	} finally {
		for (const a of agents) a.destroy();
		for (const c of children) c.stop();
		// Up to 3 s to exit (and write their CPU profiles), then killed.
		await Promise.all(
			children.map(({ child: c }) =>
				c.exitCode !== null ? null : Promise.race([new Promise((r) => c.once('exit', r)), new Promise((r) => setTimeout(r, 3000))])
			)
		);
		for (const { child } of children) child.kill('SIGKILL');
		await handle.db.destroy();
		await database.drop();
		await rm(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	if (process.argv.includes('--baseline')) {
		const i = process.argv.indexOf('--baseline');
		return runBaseline(Number(process.argv[i + 1]), process.argv[i + 2]);
	}
	const people = Number(arg('people', '2000'));
	const concurrency = Number(arg('concurrency', '100'));
	const rushSeconds = Number(arg('rush-seconds', '10'));
	const only = arg('dialect', '');
	if (!existsSync(path.join(ROOT, 'build/handler.js'))) {
		console.log('No build yet: running `vite build`…');
		execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
	}
	await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
	let ok = true;
	for (const dialect of ['sqlite', 'postgres'] as const)
		if (!only || only === dialect) ok = (await benchDialect(dialect, people, concurrency, rushSeconds)) && ok;
	process.exit(ok ? 0 : 1);
}

await main();

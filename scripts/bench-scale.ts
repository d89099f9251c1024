#!/usr/bin/env node
/**
 * `npm run bench:scale`: what a second app process brings, behind nginx, on PostgreSQL.
 *
 * Builds the app (unless `--no-build`), creates a PostgreSQL database (TEST_PG_URL or
 * 127.0.0.1:5432), seeds the public programme of 40 sessions (programme.demo.ts), then, with 1
 * and then 2 app processes (bin/serve.js) behind Debian's nginx running the hosting guide's site
 * (tests/e2e/nginx.ts, as the scale-out suite does), over TLS:
 * - the public programme page, uncached (PUBLIC_CACHE_SECONDS=0: every request is rendered),
 *   `--connections` (20) concurrent connections for `--duration` seconds (10) after a 2-second
 *   warm-up (autocannon);
 * - a registration rush: `--people` (1,000) registrations sent by `--connections` keep-alive
 *   connections, each as soon as the previous one was answered, on an event of its own.
 * Prints requests/s, p50/p99 latency and the ratio 2 processes ÷ 1 beside the number of cores.
 * On a machine of N cores, nginx, PostgreSQL, the load generator and the app processes share
 * them: see README.md ("Plusieurs processus") for what limits the ratio. Not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '#lib/server/db/index.ts';
import { createEvent, updateEvent } from '#lib/server/events/event.service.ts';
import { seedBigEvent } from '#lib/server/programme/programme.demo.ts';
import { updateRegistrationSettings } from '#lib/server/registrations/registration-settings.service.ts';
import { createTestDatabaseUrl } from '../tests/helpers/db.ts';
import { freePort } from '../tests/helpers/free-port.ts';
import { prepareNginx, type Nginx } from '../tests/e2e/nginx.ts';
import { spawnApp, type HeldApp } from '../tests/e2e/ops-support.ts';

interface Histogram {
	mean: number;
	p50: number;
	p99: number;
}
type Autocannon = (options: {
	url: string;
	connections: number;
	duration: number;
	headers?: Record<string, string>;
}) => Promise<{ requests: Histogram; latency: Histogram; non2xx: number; errors: number }>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'] as const;
	})
);
const DURATION = Math.min(60, Math.max(2, Number(args.get('duration') ?? 10)));
const CONNECTIONS = Math.min(200, Math.max(1, Number(args.get('connections') ?? 20)));
const PEOPLE = Math.min(20_000, Math.max(50, Number(args.get('people') ?? 1000)));
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const log = (m: string) => process.stderr.write(`${m}\n`);
let tmpDir: string | undefined;
process.once('exit', () => tmpDir && rmSync(tmpDir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** nginx's certificate is made by openssl for the run: not verified. */
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS, rejectUnauthorized: false });

function post(port: number, pathname: string, body: unknown): Promise<number> {
	const data = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: pathname,
				agent,
				servername: 'localhost',
				headers: { host: `localhost:${port}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode ?? 0));
			}
		);
		req.on('error', reject);
		req.end(data);
	});
}

async function publishedEvent(databaseUrl: string, publicUrl: string, title: string, capacity: number): Promise<string> {
	const handle = createDb(databaseUrl);
	try {
		const ctx = { db: handle.db, publicUrl };
		const owner = await handle.db.selectFrom('user').select('id').executeTakeFirstOrThrow();
		const actor = { id: owner.id, isAdmin: false };
		const ev = await createEvent(ctx, actor, {
			title,
			themes: ['Inclusion numérique', 'Communs'],
			startsAt: '2027-11-18T09:00:00+01:00',
			endsAt: '2027-11-18T17:30:00+01:00',
			format: 'onsite',
			venue: { name: 'Palais des congrès', inseeCode: '87085' }
		});
		await updateEvent(ctx, actor, ev.slug, { status: 'published' });
		await updateRegistrationSettings(ctx, actor, ev.slug, { capacity });
		return ev.slug;
	} finally {
		await handle.db.destroy();
	}
}

/** `people` registrations over `CONNECTIONS` connections, each sent when the previous one is answered. */
async function rush(port: number, slug: string, tag: string, people: number) {
	const statuses = new Map<number, number>();
	const latencies: number[] = [];
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from({ length: CONNECTIONS }, async () => {
			for (let i = next++; i < people; i = next++) {
				const started = performance.now();
				const status = await post(port, `/api/v1/events/${slug}/registrations`, {
					firstName: 'Personne',
					lastName: `Numéro ${i}`,
					email: `${tag}.${i}@exemple.org`,
					structure: { name: `Structure ${i % 97}`, type: 'association' },
					role: 'mediateur-numerique',
					inseeCode: '87085',
					consents: { terms: true }
				});
				latencies.push(performance.now() - started);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
		})
	);
	const seconds = (performance.now() - t0) / 1000;
	latencies.sort((a, b) => a - b);
	const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))];
	return { rate: people / seconds, p50: at(50), p99: at(99), statuses: Object.fromEntries(statuses) };
}

interface Round {
	processes: number;
	programme: { rate: number; p50: number; p99: number; non2xx: number };
	registrations: { rate: number; p50: number; p99: number; statuses: Record<number, number> };
	served: number[];
}

async function round(processes: number, databaseUrl: string, slug: string): Promise<Round> {
	const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
	const nginx: Nginx = await prepareNginx(ports);
	const apps: HeldApp[] = [];
	try {
		const publicUrl = `https://localhost:${nginx.httpsPort}`;
		for (const port of ports)
			apps.push(
				await spawnApp(databaseUrl, {
					PORT: String(port),
					PUBLIC_URL: publicUrl,
					PROTOCOL_HEADER: 'x-forwarded-proto',
					HOST_HEADER: 'x-forwarded-host',
					ADDRESS_HEADER: 'x-forwarded-for',
					XFF_DEPTH: '1',
					PUBLIC_CACHE_SECONDS: '0',
					LOG_LEVEL: 'warn'
				})
			);
		await nginx.start();
		const url = `https://127.0.0.1:${nginx.httpsPort}/e/${slug}/programme`;
		const headers = { host: `localhost:${nginx.httpsPort}` };
		log(`${processes} process(es): the programme page, ${CONNECTIONS} connections, ${DURATION} s…`);
		await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
		const page = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
		log(`${processes} process(es): ${PEOPLE} registrations…`);
		const rushSlug = await publishedEvent(databaseUrl, publicUrl, `Bench scale ${processes}`, PEOPLE + 100);
		const warmSlug = await publishedEvent(databaseUrl, publicUrl, `Bench scale warm-up ${processes}`, 10_000);
		await rush(nginx.httpsPort, warmSlug, `warm${processes}`, Math.min(200, PEOPLE));
		const registrations = await rush(nginx.httpsPort, rushSlug, `p${processes}`, PEOPLE);
		const log_ = await nginx.accessLog();
		const served = ports.map((p) => log_.split('\n').filter((l) => l.endsWith(`127.0.0.1:${p}`)).length);
		return {
			processes,
			programme: { rate: page.requests.mean, p50: page.latency.p50, p99: page.latency.p99, non2xx: page.non2xx + page.errors },
			registrations,
			served
		};
	} finally {
		await nginx.stop();
		for (const a of apps) await a.stop();
	}
}

async function main(): Promise<void> {
	if (!args.has('no-build')) {
		log('Building the app (vite build)…');
		const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit']
		});
		if (built.status !== 0) throw new Error('vite build failed');
	}
	await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
	tmpDir = await mkdtemp(path.join(ROOT, '.tmp', 'bench-scale-'));
	const database = await createTestDatabaseUrl('postgres', tmpDir);
	try {
		const { slug } = await seedBigEvent(database.url, 'https://localhost');
		const rounds = [await round(1, database.url, slug), await round(2, database.url, slug)];
		const cpus = os.cpus();
		const [one, two] = rounds;
		const ratio = (a: number, b: number) => (b / a).toFixed(2);
		const row = (what: string, pick: (r: Round) => { rate: number; p50: number; p99: number }) =>
			`| ${what} | ${pick(one).rate.toFixed(0)} (p50 ${pick(one).p50.toFixed(0)} ms, p99 ${pick(one).p99.toFixed(0)} ms) | ${pick(two).rate.toFixed(0)} (p50 ${pick(two).p50.toFixed(0)} ms, p99 ${pick(two).p99.toFixed(0)} ms) | ${ratio(pick(one).rate, pick(two).rate)} |`;
		process.stdout.write(
			[
				'',
				`nginx (TLS) in front of 1, then 2 app processes on PostgreSQL · ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'CPU'}), load average ${os.loadavg()[0].toFixed(1)} · Node ${process.version}`,
				'',
				'| what (per second) | 1 process | 2 processes | 2 ÷ 1 |',
				'| --- | ---: | ---: | ---: |',
				row(`public programme (40 sessions, uncached), ${CONNECTIONS} connections`, (r) => r.programme),
				row(`registrations, ${PEOPLE} people, ${CONNECTIONS} connections`, (r) => r.registrations),
				'',
				`statuses: programme non-2xx ${one.programme.non2xx} / ${two.programme.non2xx}; registrations ${JSON.stringify(one.registrations.statuses)} / ${JSON.stringify(two.registrations.statuses)}`,
				`requests answered by each process with 2 (nginx's access log): ${two.served.join(' / ')}`,
				`The ratio cannot exceed the cores left to the app: with ${cpus.length} cores, nginx, PostgreSQL and the load generator take their share.`,
				''
			].join('\n')
		);
	} finally {
		await database.drop();
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});

#!/usr/bin/env node
/**
 * `npm run bench:programme`: how fast the public programme page is served.
 *
 * Builds the app (unless `--no-build`), seeds a SQLite database with a published event of 40
 * sessions, 60 speakers and 3 rooms over 2 days, starts the real server (bin/serve.js), and loads
 * `/e/{slug}/programme` with 50 concurrent connections (autocannon, 127.0.0.1 only). In the same
 * run, a bare `node:http` server sends the very bytes the app rendered, as the ceiling to compare
 * with. Prints requests/s and p50/p99 latency of both and their ratio (goal: at least 50 %).
 * The app serves the page from its public-page cache (bin/public-cache.ts) as it does in
 * production; a context row gives the same page rendered for every request (cache off), and
 * that server's resident memory at rest and at its peak while rendering (goal: under 180 MB).
 * Bounded: each measurement lasts `--duration` seconds (10 by default) after a 2-second warm-up.
 * Not part of `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedBigEvent } from '#lib/server/programme/programme.demo.ts';
import { rssMb, samplePeakRss } from './process-memory.ts';

const mb = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`);

interface Histogram {
	average: number;
	mean: number;
	p50: number;
	p99: number;
	total: number;
}
interface CannonResult {
	requests: Histogram;
	latency: Histogram;
	throughput: Histogram;
	non2xx: number;
	errors: number;
	timeouts: number;
	duration: number;
}
type Autocannon = (options: {
	url: string;
	connections: number;
	duration: number;
	pipelining?: number;
	headers?: Record<string, string>;
}) => Promise<CannonResult>;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'] as const;
	})
);
const DURATION = Math.min(60, Math.max(2, Number(args.get('duration') ?? 10)));
const CONNECTIONS = Math.min(200, Math.max(1, Number(args.get('connections') ?? 50)));
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const children = new Set<ChildProcess>();
let tmpDir: string | undefined;
process.once('exit', () => {
	children.forEach((c) => c.kill('SIGKILL'));
	if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

function log(message: string) {
	process.stderr.write(`${message}\n`);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			if (res.ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${url} did not answer within 30 s:\n${output()}`);
}

function start(command: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
	let out = '';
	const child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	child.stdout?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
	child.stderr?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
	child.once('exit', () => children.delete(child));
	return { child, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
	if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function measure(url: string): Promise<CannonResult> {
	await autocannon({ url, connections: CONNECTIONS, duration: 2 });
	return autocannon({ url, connections: CONNECTIONS, duration: DURATION });
}

async function main(): Promise<void> {
	if (args.get('build') !== 'false' && !args.has('no-build')) {
		log('Building the app (vite build)…');
		const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit']
		});
		if (built.status !== 0) throw new Error('vite build failed');
	}
	await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
	const dir = await mkdtemp(path.join(ROOT, '.tmp', 'bench-'));
	tmpDir = dir;
	const databaseUrl = `file:${path.join(dir, 'bench.sqlite')}`;
	try {
		log('Seeding: 1 published event, 3 rooms, 60 speakers, 40 sessions over 2 days…');
		const port = await freePort();
		const publicUrl = `http://localhost:${port}`;
		const event = await seedBigEvent(databaseUrl, publicUrl);

		// `--profile`: a CPU profile of the app under load, in .tmp/bench-profile/, to see where time goes.
		const profile = args.has('profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, '.tmp', 'bench-profile')}`] : [];
		const appEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PUBLIC_URL: publicUrl, DATABASE_URL: databaseUrl };
		const app = start([...profile, 'bin/serve.js'], { ...appEnv, PORT: String(port) });
		const appUrl = `http://127.0.0.1:${port}/e/${event.slug}/programme`;
		await waitFor(`http://127.0.0.1:${port}/healthz`, app.child, app.output);
		const first = await fetch(appUrl);
		const html = Buffer.from(await first.arrayBuffer());
		const sessions = (html.toString().match(/<li class="session /g) ?? []).length;
		if (first.status !== 200 || sessions !== event.sessionIds.length)
			throw new Error(`the programme page answered ${first.status} with ${sessions} sessions instead of ${event.sessionIds.length}`);

		const file = path.join(dir, 'programme.html');
		await writeFile(file, html);
		const barePort = await freePort();
		const bare = start(
			[
				'-e',
				`const http=require('node:http');const body=require('node:fs').readFileSync(${JSON.stringify(file)});
http.createServer((req,res)=>{res.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':body.length});res.end(body)}).listen(${barePort},'127.0.0.1')`
			],
			{ ...process.env, NODE_ENV: 'production' }
		);
		const bareUrl = `http://127.0.0.1:${barePort}/e/${event.slug}/programme`;
		await waitFor(bareUrl, bare.child, bare.output);

		if (args.has('serve')) {
			// `--serve`: keep both servers running to look at them by hand (Ctrl+C to stop).
			log(`App: ${appUrl}\nBare: ${bareUrl}`);
			await new Promise(() => {});
		}
		log(`Measuring ${DURATION} s each at ${CONNECTIONS} connections (after 2 s of warm-up)…`);
		const appResult = await measure(appUrl);
		const bareResult = await measure(bareUrl);
		// Context, same app: what SvelteKit costs without this page (a health check, the event page).
		const floor = await measure(`http://127.0.0.1:${port}/healthz`);
		const eventPage = await measure(`http://127.0.0.1:${port}/e/${event.slug}`);
		await stop(app.child);
		await stop(bare.child);
		// Context: the same page rendered for every request (the public-page cache turned off).
		const uncachedPort = await freePort();
		const uncached = start(['bin/serve.js'], { ...appEnv, PORT: String(uncachedPort), PUBLIC_CACHE_SECONDS: '0' });
		await waitFor(`http://127.0.0.1:${uncachedPort}/healthz`, uncached.child, uncached.output);
		// Its resident memory: at rest 2 s after its first answer, then at its peak while it renders.
		await new Promise((r) => setTimeout(r, 2000));
		const uncachedIdleRss = rssMb(uncached.child.pid);
		const uncachedPeak = samplePeakRss(uncached.child.pid);
		const rendering = await measure(`http://127.0.0.1:${uncachedPort}/e/${event.slug}/programme`);
		const uncachedPeakRss = uncachedPeak.stop();
		await stop(uncached.child);

		const rows = [
			['Maillage /e/{slug}/programme', appResult],
			['node:http, same bytes', bareResult],
			['(context) programme rendered every time (PUBLIC_CACHE_SECONDS=0)', rendering],
			['(context) Maillage /healthz', floor],
			['(context) Maillage /e/{slug}', eventPage]
		] as const;
		const ratio = appResult.requests.average / bareResult.requests.average;
		const cpus = os.cpus();
		const lines = [
			'',
			`Programme page: ${(html.length / 1024).toFixed(1)} KiB, ${sessions} sessions, 60 speakers, 3 rooms, 2 days · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}`,
			'',
			'| server | requests/s | p50 latency (ms) | p99 latency (ms) | non-2xx + errors |',
			'| --- | ---: | ---: | ---: | ---: |',
			...rows.map(
				([name, r]) =>
					`| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50.toFixed(1)} | ${r.latency.p99.toFixed(1)} | ${r.non2xx + r.errors + r.timeouts} |`
			),
			'',
			`Throughput ratio (Maillage / bare): ${(ratio * 100).toFixed(1)} % — goal ≥ 50 %: ${ratio >= 0.5 ? 'met' : 'NOT met'}`,
			`Memory of the server rendering the page every time (RSS): ${mb(uncachedIdleRss)} at rest, peak ${mb(uncachedPeakRss)} at ${CONNECTIONS} connections (goal < 180 MB: ${uncachedPeakRss !== null && uncachedPeakRss < 180 ? 'met' : 'NOT met'})`,
			''
		];
		process.stdout.write(lines.join('\n'));
		if (appResult.non2xx + appResult.errors > 0) process.exitCode = 1;
	} finally {
		await Promise.all([...children].map(stop));
		await rm(dir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});

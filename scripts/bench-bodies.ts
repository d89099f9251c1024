#!/usr/bin/env node
/**
 * `npm run bench:bodies`: what 20 concurrent 24 MB anonymous posts cost the server's memory.
 *
 * Starts the built app (`bin/serve.js`, run `npx vite build` first) on a fresh SQLite file with
 * one published event, warms it up with a few small requests, then sends 20 posts of 24 MB at
 * once, streamed, without signing in, twice (with Content-Length, then chunked without it): to the sign-in form (url-encoded), to the public
 * registration form (url-encoded and multipart) and to the registration API (JSON). Reports the
 * server's resident memory (RSS, from /proc) before, its peak during, 1 s and 10 s after the last
 * answer, the delta 10 s after − before (goal: within 20 MB), and the
 * status each post got. Each reader stops at its own limit (src/lib/server/request-body.ts), so
 * a post should be refused with 413 long before its 24 MB are in memory. Not part of `npm test`.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rssMb, samplePeakRss } from './process-memory.ts';
import { createDb } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { createEvent, updateEvent } from '../src/lib/server/events/event.service.ts';
import { ensureUser } from '../src/lib/server/auth/user.service.ts';
import { freePort } from '../tests/helpers/free-port.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 24 * 1024 * 1024;
const CONCURRENT = 20;
const CHUNK = 64 * 1024;

/** A fresh database with one published event open to registration; returns its slug. */
async function setup(url: string): Promise<string> {
	const handle = createDb(url);
	try {
		await migrateToLatest(handle.db);
		const { id } = await ensureUser(handle.db, { email: 'bench@example.org', name: 'Bench' });
		const ctx = { db: handle.db, publicUrl: 'http://localhost' };
		const owner = { id, isAdmin: false };
		const ev = await createEvent(ctx, owner, {
			title: 'Bench des corps de requête',
			themes: ['Inclusion numérique', 'Communs'],
			startsAt: '2027-11-18T09:00:00+01:00',
			endsAt: '2027-11-18T17:30:00+01:00',
			format: 'onsite',
			venue: { name: 'Palais des congrès', inseeCode: '87085' }
		});
		await updateEvent(ctx, owner, ev.slug, { status: 'published' });
		return ev.slug;
	} finally {
		await handle.db.destroy();
	}
}

interface Target {
	label: string;
	path: string;
	contentType: string;
	/** The body's first bytes; the rest is filler up to SIZE. */
	head: string;
	filler: string;
}

function targets(slug: string, port: number): Target[] {
	const boundary = 'bench-boundary-7c1e';
	return [
		{
			label: 'sign-in form (url-encoded)',
			path: '/connexion?/magicLink',
			contentType: 'application/x-www-form-urlencoded',
			head: 'email=a%40example.org&x=',
			filler: 'a'
		},
		{
			label: 'registration form (url-encoded)',
			path: `/e/${slug}/inscription`,
			contentType: 'application/x-www-form-urlencoded',
			head: 'firstName=A&lastName=B&x=',
			filler: 'b'
		},
		{
			label: 'registration form (multipart)',
			path: `/e/${slug}/inscription`,
			contentType: `multipart/form-data; boundary=${boundary}`,
			head: `--${boundary}\r\nContent-Disposition: form-data; name="firstName"\r\n\r\n`,
			filler: 'c'
		},
		{
			label: 'registration API (JSON)',
			path: `/api/v1/events/${slug}/registrations`,
			contentType: 'application/json',
			head: '{"firstName":"',
			filler: 'd'
		}
	].map((t) => ({ ...t, origin: `http://localhost:${port}` }));
}

/**
 * Streams one post of SIZE bytes, with its Content-Length declared or chunked (then only the
 * readers' count stops it); resolves with the status, or how the connection ended.
 */
function post(port: number, t: Target, declared: boolean): Promise<string> {
	return new Promise((resolve) => {
		const req = http.request({
			host: '127.0.0.1',
			port,
			method: 'POST',
			path: t.path,
			agent: false,
			headers: {
				host: `localhost:${port}`,
				'content-type': t.contentType,
				...(declared ? { 'content-length': String(SIZE) } : { 'transfer-encoding': 'chunked' }),
				origin: `http://localhost:${port}`,
				accept: 'text/html'
			}
		});
		let settled = false;
		const done = (what: string) => {
			if (settled) return;
			settled = true;
			resolve(what);
		};
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => done(String(res.statusCode)));
			res.on('error', () => done(String(res.statusCode)));
			req.destroy();
		});
		req.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
		const head = Buffer.from(t.head);
		const chunk = Buffer.alloc(CHUNK, t.filler);
		let sent = head.length;
		req.write(head);
		const pump = () => {
			while (sent < SIZE && !settled) {
				const n = Math.min(CHUNK, SIZE - sent);
				sent += n;
				if (!req.write(n === CHUNK ? chunk : chunk.subarray(0, n))) return void req.once('drain', pump);
			}
			if (!settled) req.end();
		};
		pump();
	});
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-bodies-'));
const url = `file:${path.join(dir, 'bench.db')}`;
const slug = await setup(url);
const port = await freePort();
let logs = '';
const child = spawn(process.execPath, [path.join(ROOT, 'bin/serve.js')], {
	cwd: ROOT,
	env: {
		...process.env,
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		PUBLIC_URL: `http://localhost:${port}`,
		DATABASE_URL: url
	},
	stdio: ['ignore', 'pipe', 'pipe']
});
child.stdout!.on('data', (c: Buffer) => (logs += c));
child.stderr!.on('data', (c: Buffer) => (logs += c));
process.once('exit', () => child.kill('SIGKILL'));
try {
	for (let i = 0; ; i++) {
		if (child.exitCode !== null || i > 300) throw new Error(`server not ready:\n${logs.slice(-4000)}`);
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	// Warm-up: each page and endpoint once, so that what is measured is the bodies, not first loads.
	// Three times, then 5 s of rest: the server's first jobs and caches are in place before `before`.
	for (let i = 0; i < 3; i++)
		for (const p of ['/connexion', `/e/${slug}/inscription`, `/api/v1/events/${slug}`])
			await fetch(`http://127.0.0.1:${port}${p}`).then((r) => r.arrayBuffer());
	await new Promise((r) => setTimeout(r, 5000));
	const before = rssMb(child.pid)!;
	const peak = samplePeakRss(child.pid);
	const list = targets(slug, port);
	let failed = false;
	// `--rounds N` repeats the two rounds: memory that keeps growing is kept, memory that stays at
	// its first height is the allocator's high-water mark.
	const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 1;
	const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : '';
	const chosen = only ? list.filter((t) => t.label.includes(only)) : list;
	for (const declared of Array.from({ length: rounds }, () => [true, false]).flat()) {
		const started = performance.now();
		const statuses = await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => post(port, chosen[i % chosen.length], declared)));
		const seconds = (performance.now() - started) / 1000;
		await new Promise((r) => setTimeout(r, 1000));
		const byTarget = new Map<string, string[]>();
		statuses.forEach((s, i) =>
			byTarget.set(chosen[i % chosen.length].label, [...(byTarget.get(chosen[i % chosen.length].label) ?? []), s])
		);
		const how = declared ? 'Content-Length declared' : 'chunked, no Content-Length';
		console.log(`${CONCURRENT} concurrent anonymous posts of ${SIZE / 1024 / 1024} MB (${how}), answered in ${seconds.toFixed(1)} s:`);
		for (const [label, got] of byTarget) console.log(`  ${label}: ${got.join(', ')}`);
		console.log(`  RSS now ${rssMb(child.pid)!.toFixed(1)} MB`);
		failed ||= statuses.some((s) => /^5/.test(s));
	}
	const soon = rssMb(child.pid)!;
	// Freed buffers go back to the system over a few seconds (V8's and the allocator's pace): the
	// figure kept is the resident memory once it has settled, 10 s after the last answer.
	await new Promise((r) => setTimeout(r, 9000));
	const top = peak.stop()!;
	const after = rssMb(child.pid)!;
	const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);
	console.log(
		`RSS before ${before.toFixed(1)} MB, peak ${top.toFixed(1)} MB, 1 s after ${soon.toFixed(1)} MB, 10 s after ${after.toFixed(1)} MB`
	);
	const delta = after - before;
	const sign = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)} MB`;
	// The goal is about growth: memory given back below the warm baseline counts as none.
	console.log(
		`growth: peak − before ${sign(top - before)}; 10 s after − before ${sign(delta)} (goal: at most +20 MB) ${delta <= 20 ? 'OK' : 'OVER'}`
	);
	console.log(`/healthz after: ${healthy}; (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)})`);
	if (delta > 20 || failed) process.exitCode = 1;
} finally {
	child.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}

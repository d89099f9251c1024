#!/usr/bin/env node
/**
 * `npm run bench:national`: the national page and `GET /api/v1/national/figures` on a large
 * instance, on SQLite and on PostgreSQL (when a server answers at TEST_PG_URL or 127.0.0.1:5432).
 *
 * Builds the app (unless `--no-build`), seeds 500 published events over 10 years with 150,000
 * registrations (300 per event, about 70 % checked in, structures drawn from a pool of 3,000),
 * starts the real server (bin/serve.js) and times `--requests` sequential requests (30 by
 * default, after 3 of warm-up) of `/national` and of the figures API. In the same run, a plain
 * SQL aggregate (events, attended people and élu·es per year, one statement, same driver)
 * gives the floor to compare with. Also prints how many statements the services run for the
 * page's data and the figures (they do not grow with the number of events: see
 * national.service.test.ts). The app's retention job erases the registrations of events over for
 * more than 3 years as soon as it starts: timings are taken once it has finished. Not part of
 * `npm test`; run it on a quiet machine.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql, type KyselyPlugin } from 'kysely';
import { createDb, type DbHandle } from '#lib/server/db/index.ts';
import { migrateToLatest } from '#lib/server/db/migrate.ts';
import { getNationalFigures, listNationalEvents, listNationalFilterChoices } from '#lib/server/national/national.service.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(
	process.argv.slice(2).map((a) => {
		const [k, v] = a.replace(/^--/, '').split('=');
		return [k, v ?? 'true'] as const;
	})
);
const REQUESTS = Math.min(500, Math.max(5, Number(args.get('requests') ?? 30)));
const EVENTS = 500;
const PER_EVENT = 300;
const PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DEPARTEMENTS = ['87', '24', '33', '69', '75', '13', '59', '35', '44', '31', '67', '34', '06', '29', '63', '21', '2A', '971'];
const COMMUNES: Record<string, [string, string]> = {
	'87': ['87085', 'Limoges'],
	'24': ['24322', 'Périgueux'],
	'33': ['33063', 'Bordeaux'],
	'69': ['69123', 'Lyon'],
	'75': ['75056', 'Paris'],
	'13': ['13055', 'Marseille'],
	'59': ['59350', 'Lille'],
	'35': ['35238', 'Rennes'],
	'44': ['44109', 'Nantes'],
	'31': ['31555', 'Toulouse'],
	'67': ['67482', 'Strasbourg'],
	'34': ['34172', 'Montpellier'],
	'06': ['06088', 'Nice'],
	'29': ['29019', 'Brest'],
	'63': ['63113', 'Clermont-Ferrand'],
	'21': ['21231', 'Dijon'],
	'2A': ['2A004', 'Ajaccio'],
	'971': ['97105', 'Basse-Terre']
};
const THEMES = ['Médiation numérique', 'Communs', 'Numérique responsable', 'Inclusion', 'Données', 'Éducation', 'Santé', 'Emploi'];
const children = new Set<ChildProcess>();
const tmpDirs: string[] = [];
process.once('exit', () => {
	children.forEach((c) => c.kill('SIGKILL'));
	tmpDirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const log = (m: string) => process.stderr.write(`${m}\n`);

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

async function seed(handle: DbHandle): Promise<void> {
	const db = handle.db;
	const now = new Date().toISOString();
	const userId = crypto.randomUUID();
	await db
		.insertInto('user')
		.values({
			id: userId,
			name: 'Bench',
			email: 'bench@bench.test',
			email_verified: 1,
			image: null,
			is_admin: 1,
			locale: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	const events = Array.from({ length: EVENTS }, (_, i) => {
		const year = 2017 + (i % 10);
		const month = 1 + (i % 12);
		const day = 1 + (i % 27);
		const dep = DEPARTEMENTS[i % DEPARTEMENTS.length];
		const [insee, commune] = COMMUNES[dep];
		const start = new Date(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+01:00`).toISOString();
		const end = new Date(new Date(start).getTime() + 8 * 3600_000).toISOString();
		return {
			id: crypto.randomUUID(),
			slug: `nec-bench-${i}`,
			title: `NEC local n° ${i}`,
			edition: 1,
			description: 'Bench',
			themes: JSON.stringify([THEMES[i % THEMES.length], THEMES[(i + 3) % THEMES.length]]),
			starts_at: start,
			ends_at: end,
			format: ['onsite', 'online', 'hybrid'][i % 3],
			venue_name: 'Salle',
			venue_address: null,
			venue_insee_code: insee,
			venue_commune: commune,
			venue_departement: dep,
			online_url: null,
			label_status: i % 4 === 0 ? 'granted' : 'requested',
			label_requested_on: null,
			status: 'published',
			created_by: userId,
			created_at: now,
			updated_at: now,
			published_at: now
		};
	});
	for (let i = 0; i < events.length; i += 100)
		await db
			.insertInto('event')
			.values(events.slice(i, i + 100))
			.execute();
	await db
		.insertInto('event_organiser')
		.values(
			events.map((e, i) => ({
				id: crypto.randomUUID(),
				event_id: e.id,
				position: 0,
				name: `Structure porteuse ${i % 40}`,
				type: ['hub', 'collectivite', 'association'][i % 3],
				siret: null,
				rna: null,
				role: 'lead'
			}))
		)
		.execute();
	let n = 0;
	for (const e of events) {
		const regs = Array.from({ length: PER_EVENT }, () => {
			n++;
			const id = crypto.randomUUID();
			return {
				id,
				event_id: e.id,
				status: 'confirmed',
				email: `p${n}@bench.test`,
				first_name: 'Camille',
				last_name: `P${n}`,
				structure_name: `Structure ${n % 3000}`,
				structure_type: 'association',
				role: n % 25 === 0 ? 'elu' : 'mediateur',
				insee_code: null,
				commune: `Commune ${n % 3000}`,
				departement: null,
				consent_terms_at: now,
				manage_token_hash: `h${id}`,
				checkin_code: id.replace(/-/g, '').slice(0, 16),
				source: 'online',
				created_at: now,
				updated_at: now,
				waitlisted_at: null,
				cancelled_at: null,
				link_resent_at: null
			};
		});
		for (let i = 0; i < regs.length; i += 150)
			await db
				.insertInto('registration')
				.values(regs.slice(i, i + 150))
				.execute();
		const checkins = regs
			.filter((_, i) => i % 10 < 7)
			.map((r) => ({
				registration_id: r.id,
				half_day: '2020-01-01:am',
				event_id: e.id,
				checked_in_at: now,
				checked_in_by: null,
				method: 'search'
			}));
		for (let i = 0; i < checkins.length; i += 300)
			await db
				.insertInto('checkin')
				.values(checkins.slice(i, i + 300))
				.execute();
	}
	if (handle.dialect === 'postgres') await sql`analyze`.execute(db);
}

/** The floor: one plain SQL statement computing events, attended people and élu·es per year. */
async function plainAggregate(handle: DbHandle): Promise<void> {
	const year = handle.dialect === 'postgres' ? sql`extract(year from e.starts_at)` : sql`substr(e.starts_at, 1, 4)`;
	await sql`select ${year} as y, count(distinct e.id) as events, count(distinct r.id) as participants,
		count(distinct case when r.role = 'elu' then r.id end) as elus
		from event e left join registration r on r.event_id = e.id and exists (select 1 from checkin c where c.registration_id = r.id)
		where e.status in ('published', 'archived') group by 1`.execute(handle.db);
}

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
	for (let i = 0; i < 3; i++) await run();
	const ms: number[] = [];
	for (let i = 0; i < REQUESTS; i++) {
		const t0 = performance.now();
		await run();
		ms.push(performance.now() - t0);
	}
	ms.sort((a, b) => a - b);
	return { p50: ms[Math.floor(ms.length / 2)], p95: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))] };
}

async function fetchOk(url: string): Promise<void> {
	const res = await fetch(url);
	await res.arrayBuffer();
	if (!res.ok) throw new Error(`${url} answered ${res.status}`);
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output()}`);
		try {
			await fetchOk(url);
			return;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	throw new Error(`${url} did not answer within 60 s:\n${output()}`);
}

function countingStatements(handle: DbHandle) {
	let n = 0;
	const plugin: KyselyPlugin = { transformQuery: (a) => (n++, a.node), transformResult: async (a) => a.result };
	return { db: handle.db.withPlugin(plugin), count: () => n };
}

async function benchOne(dialect: 'sqlite' | 'postgres'): Promise<string[]> {
	await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
	const dir = await mkdtemp(path.join(ROOT, '.tmp', 'bench-national-'));
	tmpDirs.push(dir);
	let databaseUrl = `file:${path.join(dir, 'bench.sqlite')}`;
	let dropPg: (() => Promise<void>) | null = null;
	if (dialect === 'postgres') {
		const name = `maillage_bench_${Date.now()}`;
		const admin = new pg.Client({ connectionString: PG_URL });
		await admin.connect();
		await admin.query(`create database ${name}`);
		await admin.end();
		const u = new URL(PG_URL);
		u.pathname = `/${name}`;
		databaseUrl = u.toString();
		dropPg = async () => {
			const a = new pg.Client({ connectionString: PG_URL });
			await a.connect();
			await a.query(`drop database if exists ${name} with (force)`);
			await a.end();
		};
	}
	const handle = createDb(databaseUrl);
	try {
		await migrateToLatest(handle.db);
		log(`${dialect}: seeding ${EVENTS} events and ${EVENTS * PER_EVENT} registrations…`);
		const t0 = performance.now();
		await seed(handle);
		log(`${dialect}: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		// The baseline, before the retention job erases anything: every registration is read.
		const floor = await time(() => plainAggregate(handle));
		const port = await freePort();
		const publicUrl = `http://localhost:${port}`;
		let out = '';
		const child = spawn(process.execPath, ['bin/serve.js'], {
			cwd: ROOT,
			env: {
				...process.env,
				NODE_ENV: 'production',
				HOST: '127.0.0.1',
				PORT: String(port),
				PUBLIC_URL: publicUrl,
				DATABASE_URL: databaseUrl,
				PUBLIC_CACHE_SECONDS: '0'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		children.add(child);
		child.stdout?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-10_000)));
		child.stderr?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-10_000)));
		const base = `http://127.0.0.1:${port}`;
		await waitFor(`${base}/healthz`, child, () => out);
		// The app's retention job (registrations are erased 3 years after their event) starts 5 s
		// after start-up and erases the older years' registrations: measure once it is done.
		const count = async () =>
			Number(
				(
					await handle.db
						.selectFrom('registration')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.executeTakeFirstOrThrow()
				).n
			);
		// Figures are counted and frozen before the registrations are erased: wait until no
		// registration of an event over for 3 years is left (at most 5 minutes).
		const limit = new Date();
		limit.setUTCFullYear(limit.getUTCFullYear() - 3);
		const expiredLeft = async () =>
			Number(
				(
					await handle.db
						.selectFrom('registration')
						.innerJoin('event', 'event.id', 'registration.event_id')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('event.ends_at', '<', limit.toISOString())
						.executeTakeFirstOrThrow()
				).n
			);
		const purgeDeadline = Date.now() + 300_000;
		const tPurge = performance.now();
		while ((await expiredLeft()) > 0 && Date.now() < purgeDeadline) await new Promise((r) => setTimeout(r, 500));
		log(`${dialect}: retention job done in ${((performance.now() - tPurge) / 1000).toFixed(1)} s after start-up + 5 s`);
		const kept = await count();
		log(`${dialect}: ${kept} registration rows after the retention job (it erases check-ins and personal data of events over for 3 years)`);
		const page = await time(() => fetchOk(`${base}/national`));
		const pageYear = await time(() => fetchOk(`${base}/national?year=2022`));
		const figures = await time(() => fetchOk(`${base}/api/v1/national/figures`));
		child.kill('SIGTERM');
		const ctx = { db: handle.db, publicUrl };
		const c1 = countingStatements(handle);
		await Promise.all([listNationalEvents({ ...ctx, db: c1.db }, {}), listNationalFilterChoices({ ...ctx, db: c1.db })]);
		const c2 = countingStatements(handle);
		const f = await getNationalFigures({ ...ctx, db: c2.db }, {});
		const row = (name: string, r: { p50: number; p95: number }, statements: string) =>
			`| ${dialect} | ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.p50 / floor.p50).toFixed(2)} | ${statements} |`;
		return [
			row('/national (all years: 500 events)', page, `${c1.count()}`),
			row('/national?year=2022', pageYear, `${c1.count()}`),
			row('GET /api/v1/national/figures', figures, `${c2.count()}`),
			row('baseline: plain SQL aggregate over the 150,000 registrations (one statement, in-process)', floor, '1'),
			`| ${dialect} | (figures: ${f.events} events, ${f.participants} attended, ${f.structures} structures, ${f.elus} élu·es (seeded: ${EVENTS * PER_EVENT * 0.7} attended); ${kept} registration rows after the retention job) | | | | |`
		];
	} finally {
		await handle.db.destroy();
		await dropPg?.();
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
	const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
	try {
		const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
		await c.connect();
		await c.end();
		dialects.push('postgres');
	} catch {
		log(`PostgreSQL not reachable at ${PG_URL}: SQLite only`);
	}
	const rows: string[] = [];
	for (const d of dialects) rows.push(...(await benchOne(d)));
	const cpus = os.cpus();
	process.stdout.write(
		[
			'',
			`${EVENTS} events over 10 years, ${EVENTS * PER_EVENT} registrations · ${REQUESTS} sequential requests after 3 of warm-up · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}`,
			'',
			'| database | what | p50 (ms) | p95 (ms) | p50 ÷ plain SQL p50 | statements |',
			'| --- | --- | ---: | ---: | ---: | ---: |',
			...rows,
			'',
			'Goal: the page and the figures API under 200 ms each. The plain SQL aggregate reads every registration',
			'(the cost the figures had when computed at read time); the figures API reads the per-event figures.',
			''
		].join('\n')
	);
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});

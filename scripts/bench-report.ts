#!/usr/bin/env node
/**
 * `npm run bench:report`: how fast the report is written for a big event.
 *
 * Seeds a SQLite file with a published event of 60 sessions, 3,000 registrations and 2,500
 * check-ins and 1,000 survey answers (the NEC template), publishes
 * its report, starts the real server (bin/serve.js, built unless `--no-build`) and times, 20 times
 * each after a warm-up: the report's JSON (`/api/v1/events/{slug}/report`), its public HTML page
 * (`/e/{slug}/bilan`), and its PDF (5 times). In the same run, in-process: the statements one
 * report costs, and one plain SQL aggregate over the same tables (people checked in, distinct
 * structures) as the floor to compare with. Prints medians and p95. Not part of `npm test`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type KyselyPlugin } from 'kysely';
import { createDb } from '#lib/server/db/index.ts';
import { migrateToLatest } from '#lib/server/db/migrate.ts';
import { createEvent, updateEvent } from '#lib/server/events/event.service.ts';
import { findEventBySlug } from '#lib/server/events/event.queries.ts';
import { computeReport } from '#lib/server/reports/report.data.ts';
import { setReportPublished } from '#lib/server/reports/report.service.ts';
import { createSurveyFromTemplate } from '#lib/server/surveys/survey.service.ts';
import { insertResponses } from '#lib/server/surveys/survey.queries.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const children = new Set<ChildProcess>();
let tmpDir: string | undefined;
process.once('exit', () => {
	children.forEach((c) => c.kill('SIGKILL'));
	if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
});
const log = (m: string) => process.stderr.write(`${m}\n`);

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			const port = typeof a === 'object' && a ? a.port : 0;
			s.close(() => resolve(port));
		});
	});
}

async function seed(databaseUrl: string, publicUrl: string): Promise<{ slug: string; plain: { p50: number; p95: number } }> {
	const { db } = createDb(databaseUrl);
	await migrateToLatest(db);
	const now = new Date().toISOString();
	const userId = crypto.randomUUID();
	await db
		.insertInto('user')
		.values({
			id: userId,
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
	const actor = { id: userId, isAdmin: false };
	const ctx = { db, publicUrl };
	const ev = await createEvent(ctx, actor, {
		title: 'NEC Bench Bilan',
		themes: ['Médiation numérique', 'Numérique responsable'],
		startsAt: '2027-06-10T09:00:00+02:00',
		endsAt: '2027-06-11T17:00:00+02:00',
		format: 'onsite',
		venue: { name: 'Espace Noriac', address: '10 rue Jean Pierre Timbaud', inseeCode: '87085' },
		organisers: [{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', role: 'lead' }]
	});
	await updateEvent(ctx, actor, ev.slug, { status: 'published' });
	const sessions = Array.from({ length: 60 }, (_, i) => {
		const day = i < 30 ? '2027-06-10' : '2027-06-11';
		const hour = 7 + ((i % 30) % 8);
		return {
			id: crypto.randomUUID(),
			event_id: ev.id,
			title: `Atelier ${i + 1}`,
			format: i % 10 === 0 ? 'plenary' : 'workshop',
			description: 'Un atelier pour avancer ensemble.',
			themes: '[]',
			starts_at: `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`,
			ends_at: `${day}T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
			room_id: null,
			audience: '[]',
			expected_attendance: null,
			capacity: null,
			requires_registration: i % 10 === 0 ? 0 : 1,
			synthesis: '',
			synthesis_published: 0,
			created_at: now,
			updated_at: now
		};
	});
	await db.insertInto('session').values(sessions).execute();
	const regs = Array.from({ length: 3000 }, (_, i) => ({
		id: crypto.randomUUID(),
		event_id: ev.id,
		status: 'confirmed',
		email: `p${i}@example.org`,
		first_name: `P${i}`,
		last_name: `Bench${i}`,
		structure_name: `Structure ${i % 700}`,
		structure_type: ['collectivite', 'association', 'etat', 'tiers-lieu'][i % 4],
		role: i % 9 === 0 ? 'elu' : 'mediateur-numerique',
		insee_code: '87085',
		commune: 'Limoges',
		departement: ['87', '19', '23'][i % 3],
		half_days: JSON.stringify(['2027-06-10:am', '2027-06-10:pm', '2027-06-11:am']),
		consent_terms_at: now,
		manage_token_hash: `h${i}`,
		checkin_code: `B${i}`,
		source: 'import',
		created_at: now,
		updated_at: now
	}));
	for (let i = 0; i < regs.length; i += 200)
		await db
			.insertInto('registration')
			.values(regs.slice(i, i + 200))
			.execute();
	const seats = regs.map((r, i) => ({
		registration_id: r.id,
		session_id: sessions[1 + (i % 59)].id,
		status: 'confirmed',
		requested_at: now
	}));
	for (let i = 0; i < seats.length; i += 300)
		await db
			.insertInto('registration_session')
			.values(seats.slice(i, i + 300))
			.execute();
	const checkins = regs.slice(0, 2500).map((r) => ({
		registration_id: r.id,
		half_day: '2027-06-10:am',
		event_id: ev.id,
		checked_in_at: now,
		checked_in_by: null,
		method: 'qr'
	}));
	for (let i = 0; i < checkins.length; i += 300)
		await db
			.insertInto('checkin')
			.values(checkins.slice(i, i + 300))
			.execute();
	// 1,000 survey answers from the NEC template: a note for each scale, a text for each text question.
	const survey = await createSurveyFromTemplate(ctx, actor, ev.slug);
	await insertResponses(
		db,
		regs.slice(0, 1000).map((r, i) => ({
			id: crypto.randomUUID(),
			surveyId: survey.id,
			registrationId: null,
			submittedOn: '2027-06-15',
			source: 'link' as const,
			role: r.role,
			structureType: r.structure_type,
			answers: survey.questions
				.filter((q) => !q.perSession)
				.map((q) => ({
					questionId: q.id,
					sessionKey: '',
					value: JSON.stringify(q.type === 'text' ? `Réponse libre ${i % 50}` : q.type === 'yesno' ? i % 3 > 0 : 1 + (i % 5))
				}))
		}))
	);
	await setReportPublished(ctx, actor, ev.slug, { published: true });

	// In process: the statements of one report, its time, and one plain aggregate over the same tables.
	const counter = { n: 0 };
	const plugin: KyselyPlugin = { transformQuery: (a) => (counter.n++, a.node), transformResult: async (a) => a.result };
	const row = (await findEventBySlug(db, ev.slug))!;
	await computeReport(db.withPlugin(plugin), row);
	const statements = counter.n;
	const inProcess = await timeIt(10, () => computeReport(db, row));
	const plain = await timeIt(10, () =>
		sql`select count(distinct c.registration_id) as people, count(distinct r.structure_name) as structures from checkin c join registration r on r.id = c.registration_id where c.event_id = ${ev.id}`.execute(
			db
		)
	);
	log(
		`In process: one report = ${statements} SQL statements; computeReport median ${fmt(inProcess.p50)}; one plain SQL aggregate median ${fmt(plain.p50)} (report = ${(inProcess.p50 / plain.p50).toFixed(1)} × the aggregate)`
	);
	await db.destroy();
	return { slug: ev.slug, plain };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function timeIt(times: number, run: () => Promise<unknown>) {
	await run();
	const all: number[] = [];
	for (let i = 0; i < times; i++) {
		const t0 = performance.now();
		await run();
		all.push(performance.now() - t0);
	}
	all.sort((a, b) => a - b);
	return { p50: all[Math.floor(all.length / 2)], p95: all[Math.min(all.length - 1, Math.floor(all.length * 0.95))] };
}

async function main() {
	if (!args.has('--no-build')) {
		log('Building the app (vite build)…');
		const built = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' });
		if (built.status !== 0) throw new Error('vite build failed');
	}
	tmpDir = await mkdtemp(path.join(os.tmpdir(), 'maillage-bench-report-'));
	const port = await freePort();
	const publicUrl = `http://127.0.0.1:${port}`;
	const databaseUrl = `file:${path.join(tmpDir, 'bench.db')}`;
	log('Seeding 3,000 registrations, 2,500 check-ins, 1,000 survey answers, 60 sessions…');
	const { slug, plain } = await seed(databaseUrl, publicUrl);
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
		stdio: 'ignore'
	});
	children.add(child);
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`${publicUrl}/healthz`)).ok) break;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	const get = (p: string) => async () => {
		const res = await fetch(`${publicUrl}${p}`);
		if (!res.ok) throw new Error(`${p}: ${res.status}`);
		await res.arrayBuffer();
	};
	// The same-run baseline over HTTP: a request that reads nothing (the server's own floor).
	const floor = await timeIt(20, get('/healthz'));
	const json = await timeIt(20, get(`/api/v1/events/${slug}/report`));
	const html = await timeIt(20, get(`/e/${slug}/bilan`));
	const pdf = await timeIt(5, get(`/e/${slug}/bilan/bilan.pdf`));
	const line = (name: string, r: { p50: number; p95: number }, target?: number) =>
		`${name.padEnd(34)} median ${fmt(r.p50).padStart(10)}  p95 ${fmt(r.p95).padStart(10)}` +
		(r === floor
			? ''
			: `  ${(r.p50 / floor.p50).toFixed(1).padStart(6)} × /healthz  ${(r.p50 / plain.p50).toFixed(1).padStart(6)} × SQL aggregate`) +
		(target ? `  target ${target} ms: ${r.p95 < target ? 'met (p95)' : r.p50 < target ? 'met (median only)' : 'NOT MET'}` : '');
	process.stdout.write(
		[
			`${os.cpus().length} cores; one plain SQL aggregate (in process) median ${fmt(plain.p50)}`,
			line('baseline GET /healthz', floor),
			line('report JSON (HTTP)', json, 300),
			line('report HTML /e/{slug}/bilan', html, 300),
			line('report PDF', pdf, 5000)
		].join('\n') + '\n'
	);
	child.kill('SIGTERM');
}

main().catch((e) => {
	log(e instanceof Error ? (e.stack ?? e.message) : String(e));
	process.exit(1);
});

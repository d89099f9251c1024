#!/usr/bin/env node
/**
 * `npm run bench:directory`: how fast the directory answers a filtered search over 20,000 places.
 *
 * Imports 20,000 generated places (12 départements, 3 services, 240 spellings of hours) through
 * the import service into a fresh SQLite file (and, with `--pg=postgres://…/postgres`, into a
 * PostgreSQL database made for the run and dropped after), then times the directory's filtered
 * query (`listPlaces`: service + département + text, one page of 50 and the total) against the
 * same query written as plain SQL on the same driver, in the same run: median and p95 of 200
 * runs each, and their ratio. Goal: under 100 ms. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { createDb, type DbHandle } from '../src/lib/server/db/index.ts';
import { migrateToLatest } from '../src/lib/server/db/migrate.ts';
import { SCHEMA_FIELDS } from '../src/lib/server/directory/lieux-schema.ts';
import { importPlacesCsv, listPlaces } from '../src/lib/server/directory/place.service.ts';

const N = 20_000;
const RUNS = 200;
const SERVICES = ['Aide aux démarches administratives', 'Loisirs et créations numériques', 'Compréhension du monde numérique'];
const COMMUNES = [
	['87000', '87085', 'Limoges', 45.83, 1.26],
	['19100', '19031', 'Brive-la-Gaillarde', 45.16, 1.53],
	['23000', '23096', 'Guéret', 46.17, 1.87],
	['33000', '33063', 'Bordeaux', 44.84, -0.58],
	['69001', '69123', 'Lyon', 45.76, 4.84],
	['13001', '13055', 'Marseille', 43.3, 5.37],
	['59000', '59350', 'Lille', 50.63, 3.06],
	['35000', '35238', 'Rennes', 48.11, -1.68],
	['67000', '67482', 'Strasbourg', 48.58, 7.75],
	['31000', '31555', 'Toulouse', 43.6, 1.44],
	['44000', '44109', 'Nantes', 47.22, -1.55],
	['63000', '63113', 'Clermont-Ferrand', 45.78, 3.08]
] as const;

function csv(): Uint8Array {
	const quote = (v: string) => (/[",\n]/u.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
	const lines = [SCHEMA_FIELDS.join(',')];
	for (let i = 0; i < N; i++) {
		const [cp, insee, commune, lat, lon] = COMMUNES[i % COMMUNES.length];
		const row: Record<string, string> = {
			id: `bench-${i}`,
			pivot: String(10000000000000 + i),
			nom: `Lieu de médiation ${i}`,
			commune,
			code_postal: cp,
			code_insee: insee,
			adresse: `${(i % 90) + 1} rue de la République`,
			latitude: (lat + ((i % 50) - 25) / 500).toFixed(4),
			longitude: (lon + ((i % 70) - 35) / 500).toFixed(4),
			typologie: i % 2 ? 'BIB' : 'ASSO|TIERS_LIEUX',
			horaires: `Mo-Fr 09:00-12:00,14:00-${15 + (i % 4)}:${String((i * 7) % 60).padStart(2, '0')}`,
			date_maj: '2026-11-02',
			services: SERVICES[i % 3],
			frais_a_charge: 'Gratuit'
		};
		lines.push(SCHEMA_FIELDS.map((f) => quote(row[f] ?? '')).join(','));
	}
	return new TextEncoder().encode(lines.join('\n') + '\n');
}

const FILTER = { service: 'Loisirs et créations numériques', departement: '19', q: 'mediation 1' };

function stats(ms: number[]) {
	const s = [...ms].sort((a, b) => a - b);
	return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)] };
}

async function time(run: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
	for (let i = 0; i < 10; i++) await run();
	const ms: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t = performance.now();
		await run();
		ms.push(performance.now() - t);
	}
	return stats(ms);
}

async function bench(label: string, handle: DbHandle) {
	await migrateToLatest(handle.db);
	const ctx = { db: handle.db, publicUrl: 'http://localhost' };
	const admin = { id: 'bench', isAdmin: true };
	const file = csv();
	let t = performance.now();
	const result = await importPlacesCsv(ctx, admin, file);
	const importMs = performance.now() - t;
	t = performance.now();
	await importPlacesCsv(ctx, admin, file);
	const reimportMs = performance.now() - t;
	if (handle.dialect === 'postgres') await sql`ANALYZE`.execute(handle.db);

	const answer = await listPlaces(ctx, FILTER);
	const service = await time(() => listPlaces(ctx, FILTER));
	// The same search as plain SQL on the same connection: the floor the service is compared with.
	const plain = sql`
		SELECT p.* FROM directory_place p
		WHERE p.departement = ${FILTER.departement}
		  AND EXISTS (SELECT 1 FROM directory_place_service s WHERE s.place_id = p.id AND s.service = ${FILTER.service})
		  AND p.search_text LIKE ${'%' + FILTER.q + '%'}
		ORDER BY p.nom, p.id LIMIT 50`;
	const plainCount = sql`
		SELECT count(*) AS n FROM directory_place p
		WHERE p.departement = ${FILTER.departement}
		  AND EXISTS (SELECT 1 FROM directory_place_service s WHERE s.place_id = p.id AND s.service = ${FILTER.service})
		  AND p.search_text LIKE ${'%' + FILTER.q + '%'}`;
	const raw = await time(() => Promise.all([plain.execute(handle.db), plainCount.execute(handle.db)]));
	console.log(
		`${label}: import of ${N} places ${(importMs / 1000).toFixed(1)} s (imported ${result.imported}, refused ${result.refused.length}); ` +
			`same file again ${(reimportMs / 1000).toFixed(1)} s`
	);
	console.log(
		`${label}: filtered search (${answer.total} matches, page of ${answer.items.length}) median ${service.median.toFixed(2)} ms, p95 ${service.p95.toFixed(2)} ms; ` +
			`plain SQL median ${raw.median.toFixed(2)} ms, p95 ${raw.p95.toFixed(2)} ms; ratio ${(service.median / raw.median).toFixed(2)}`
	);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-directory-'));
try {
	const sqlite = createDb(`file:${path.join(dir, 'bench.db')}`);
	await bench('SQLite', sqlite);
	await sqlite.db.destroy();
	const pgArg = process.argv.find((a) => a.startsWith('--pg='))?.slice(5);
	if (pgArg) {
		const name = `maillage_bench_${Date.now()}`;
		const admin = new pg.Client({ connectionString: pgArg });
		await admin.connect();
		await admin.query(`CREATE DATABASE ${name}`);
		try {
			const url = new URL(pgArg);
			url.pathname = `/${name}`;
			const handle = createDb(url.toString());
			await bench('PostgreSQL', handle);
			await handle.db.destroy();
		} finally {
			await admin.query(`DROP DATABASE ${name}`);
			await admin.end();
		}
	}
} finally {
	rmSync(dir, { recursive: true, force: true });
}
console.log(`(${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} when done)`);

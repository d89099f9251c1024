import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { loadTableSchema, validateTableSchema } from '../../../../tests/helpers/table-schema.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { placeRow, placesCsv } from '../../../../tests/factories/directory.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ForbiddenError } from '../validation.ts';
import { SCHEMA_FIELDS } from './lieux-schema.ts';
import { exportPlacesCsv, getPlace, importPlacesCsv, listPlaceDepartements, listPlaces } from './place.service.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

/** `n` valid places spread over a few départements, services, names and 240 spellings of hours. */
function manyRows(n: number, prefix: string) {
	const deps = [
		{ code_postal: '87000', code_insee: '87085', commune: 'Limoges', latitude: '45.83', longitude: '1.26' },
		{ code_postal: '19100', code_insee: '19031', commune: 'Brive-la-Gaillarde', latitude: '45.16', longitude: '1.53' },
		{ code_postal: '23000', code_insee: '23096', commune: 'Guéret', latitude: '46.17', longitude: '1.87' },
		{ code_postal: '33000', code_insee: '33063', commune: 'Bordeaux', latitude: '44.84', longitude: '-0.58' }
	];
	const services = ['Aide aux démarches administratives', 'Loisirs et créations numériques', 'Compréhension du monde numérique'];
	return Array.from({ length: n }, (_, i) =>
		placeRow({
			id: `${prefix}-${i}`,
			nom: `Lieu ${prefix} ${i}`,
			...deps[i % 4],
			services: services[i % 3],
			pivot: String(10000000000000 + i),
			horaires: `Mo-Fr 09:00-12:00,14:00-${15 + (i % 4)}:${String((i * 7) % 60).padStart(2, '0')}`
		})
	);
}

describe.each(DIALECTS)('directory places on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let admin: Awaited<ReturnType<typeof newUser>>;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		admin = await newUser(t.db, { isAdmin: true });
	});
	afterAll(() => t.close());

	it('test_import_takes_valid_rows_refuses_invalid_ones_with_french_reasons', async () => {
		const rows = [
			placeRow({ id: 'ok-1', nom: 'Espace numérique du Vigenal' }),
			placeRow({ id: 'bad-pivot', pivot: '12345' }),
			placeRow({ id: 'bad-hours', horaires: 'le matin' }),
			placeRow({ id: 'bad-coords', latitude: '48.85', longitude: '-40.0' }),
			placeRow({ id: 'ok-2', nom: 'Tiers-lieu La Quincaillerie' })
		];
		const result = await importPlacesCsv(ctx, admin, bytes(placesCsv(rows)));
		expect(result).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
		expect(result.refused.map((r) => [r.row, r.errors.map((e) => e.field)])).toEqual([
			[3, ['pivot']],
			[4, ['horaires']],
			[5, ['latitude']]
		]);
		expect(result.refused[0].errors[0].message).toMatch(/^pivot : « 12345 » n’est ni un SIRET/);
		expect((await getPlace(ctx, 'ok-1')).nom).toBe('Espace numérique du Vigenal');
	});

	it('test_importing_the_same_file_twice_changes_nothing', async () => {
		const csv = placesCsv([placeRow({ id: 'twice-1' }), placeRow({ id: 'twice-2' })]);
		expect(await importPlacesCsv(ctx, admin, bytes(csv))).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
		const before = await t.db
			.selectFrom('directory_place')
			.select(['id', 'updated_at'])
			.where('schema_id', 'like', 'twice-%')
			.orderBy('id')
			.execute();
		expect(await importPlacesCsv(ctx, admin, bytes(csv))).toMatchObject({ imported: 0, updated: 0, unchanged: 2, refused: [] });
		const after = await t.db
			.selectFrom('directory_place')
			.select(['id', 'updated_at'])
			.where('schema_id', 'like', 'twice-%')
			.orderBy('id')
			.execute();
		expect(after).toEqual(before);
	});

	it('test_reimport_matches_on_id_then_on_pivot_and_name', async () => {
		await importPlacesCsv(ctx, admin, bytes(placesCsv([placeRow({ id: 'm-1', pivot: 'W872000111', nom: 'Asso Les Connectés' })])));
		const byId = await importPlacesCsv(
			ctx,
			admin,
			bytes(
				placesCsv([
					placeRow({
						id: 'm-1',
						pivot: 'W872000111',
						nom: 'Asso Les Connectés',
						commune: 'Panazol',
						code_postal: '87350',
						code_insee: '87114'
					})
				])
			)
		);
		expect(byId).toMatchObject({ imported: 0, updated: 1 });
		const byPivot = await importPlacesCsv(
			ctx,
			admin,
			bytes(
				placesCsv([
					placeRow({
						id: 'other-source-42',
						pivot: 'W872000111',
						nom: 'ASSO les connectés',
						commune: 'Panazol',
						code_postal: '87350',
						code_insee: '87114'
					})
				])
			)
		);
		expect(byPivot).toMatchObject({ imported: 0, updated: 1 });
		expect((await getPlace(ctx, 'other-source-42')).commune).toBe('Panazol');
		await expect(getPlace(ctx, 'm-1')).rejects.toThrow();
	});

	it('test_windows_1252_semicolons_and_unknown_columns_are_read', async () => {
		const csv = placesCsv([placeRow({ id: 'w-1', nom: 'Médiathèque Éric Rohmer' })], [...SCHEMA_FIELDS, 'remarque']).replaceAll(',', ';');
		// Windows-1252 for the Latin-1 range (the test strings have no € or curly quotes).
		const latin1 = Uint8Array.from([...csv].map((c) => c.charCodeAt(0)).filter((c) => c < 256));
		const result = await importPlacesCsv(ctx, admin, latin1);
		expect(result).toMatchObject({ imported: 1, refused: [], ignoredColumns: ['remarque'], encoding: 'windows-1252' });
		expect((await getPlace(ctx, 'w-1')).nom).toBe('Médiathèque Éric Rohmer');
	});

	it('test_a_file_that_is_not_the_schema_is_refused_whole', async () => {
		expect(await issuesOf(importPlacesCsv(ctx, admin, bytes('name,town\nX,Y\n')))).toContain('id:directory.errors.missingColumn');
		expect(await issuesOf(importPlacesCsv(ctx, admin, bytes('')))).toEqual(['_:directory.errors.emptyCsv']);
	});

	it('test_a_row_with_the_wrong_number_of_cells_is_refused', async () => {
		const csv = placesCsv([placeRow({ id: 'cells-ok' })]) + 'cells-bad;21870085600016;Nom;Limoges\n';
		const result = await importPlacesCsv(ctx, admin, bytes(csv));
		expect(result.imported + result.unchanged).toBe(1);
		expect(result.refused[0].errors[0].message).toContain('colonnes au lieu de 32');
	});

	it('test_only_moderators_import', async () => {
		const someone = await newUser(t.db);
		await expect(importPlacesCsv(ctx, someone, bytes(placesCsv([placeRow()])))).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('test_export_validates_against_schema_files_101_and_102', async () => {
		await importPlacesCsv(
			ctx,
			admin,
			bytes(placesCsv([placeRow({ id: 'label-1', formations_labels: 'Étapes numériques(La Poste)|ORDI 3.0' })]))
		);
		const exampleRows = readFileSync(new URL('../../../../tests/data/lieux-schema/exemple-valide.csv', import.meta.url));
		expect((await importPlacesCsv(ctx, admin, exampleRows)).refused).toEqual([]);
		const csv = await exportPlacesCsv(ctx);
		expect(csv.split('\r\n')[0]).toBe(SCHEMA_FIELDS.join(','));
		for (const version of ['1.0.1', '1.0.2'] as const) expect(validateTableSchema(csv, loadTableSchema(version))).toEqual([]);
		expect(csv).toContain('ORDI 3.0,Étapes numériques (La Poste)');
	});

	it('test_20000_rows_import_in_seconds_and_filtered_search_is_fast', async () => {
		const csv = bytes(placesCsv(manyRows(20_000, 'bulk')));
		const started = performance.now();
		const result = await importPlacesCsv(ctx, admin, csv);
		const importMs = performance.now() - started;
		expect(result).toMatchObject({ imported: 20_000, refused: [] });
		// Seconds on an idle machine; the bound leaves room for a shared one (load 16 on 2 cores when measured).
		expect(importMs).toBeLessThan(60_000);
		const again = performance.now();
		expect(await importPlacesCsv(ctx, admin, csv)).toMatchObject({ imported: 0, updated: 0, unchanged: 20_000 });
		expect(performance.now() - again).toBeLessThan(60_000);

		const q = performance.now();
		const found = await listPlaces(ctx, { service: 'Loisirs et créations numériques', departement: '19', q: 'lieu bulk 1' });
		const queryMs = performance.now() - q;
		// i ≡ 1 (mod 4) for Corrèze, i ≡ 1 (mod 3) for the service: i ≡ 1 (mod 12), among names "Lieu bulk 1…".
		expect(found.items.every((p) => p.departement === '19' && p.services.includes('Loisirs et créations numériques'))).toBe(true);
		expect(found.total).toBeGreaterThan(50);
		expect(queryMs).toBeLessThan(2_000); // under 100 ms on an idle machine: npm run bench:directory
		console.log(
			`[${dialect}] import 20,000: ${importMs.toFixed(0)} ms; re-import: ${(performance.now() - again).toFixed(0)} ms; filtered query: ${queryMs.toFixed(1)} ms`
		);
		expect((await listPlaceDepartements(ctx)).find((d) => d.code === '23')).toMatchObject({ name: 'Creuse' });
	}, 120_000);

	it('test_search_filters_are_checked', async () => {
		expect(await issuesOf(listPlaces(ctx, { service: 'Jardinage' }))).toEqual(['service:errors.invalidChoice']);
		expect(await issuesOf(listPlaces(ctx, { departement: '999x' }))).toEqual(['departement:errors.invalid']);
		expect((await listPlaces(ctx, { q: '%_' })).total).toBeGreaterThan(0);
	});
});

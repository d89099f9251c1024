import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { loadTableSchema, validateTableSchema } from '../../../../tests/helpers/table-schema.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { placeRow } from '../../../../tests/factories/directory.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ForbiddenError } from '../validation.ts';
import { writeSchemaCsv } from './place-csv.ts';
import { exportPlacesCsv, exportPlacesJson, getPlace, importPlacesJson } from './place.service.ts';

const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe.each(DIALECTS)('directory places in the schema JSON on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	let admin: Awaited<ReturnType<typeof newUser>>;
	beforeAll(async () => {
		({ t, ctx } = await openServiceDb(dialect));
		admin = await newUser(t.db, { isAdmin: true });
	});
	afterAll(() => t.close());

	it('test_json_import_takes_valid_places_refuses_others_with_french_reasons_and_is_idempotent', async () => {
		const places = [
			{
				...placeRow({ id: 'json-1', nom: 'Tiers-lieu « La Forge »' }),
				latitude: 45.8336,
				longitude: 1.2611,
				services: ['Loisirs et créations numériques']
			},
			{ ...placeRow({ id: 'json-2' }), pivot: '12345' },
			'pas un lieu',
			{ ...placeRow({ id: 'json-4' }), horaires: 'le matin', extra: 'ignorée' },
			{ ...placeRow({ id: 'json-5' }), adresse: { voie: 'rue' } }
		];
		const result = await importPlacesJson(ctx, admin, bytes(places));
		expect(result).toMatchObject({ imported: 1, updated: 0, unchanged: 0, ignoredColumns: ['extra'], encoding: 'utf-8' });
		expect(result.refused.map((r) => [r.row, r.errors.map((e) => e.field)])).toEqual([
			[2, ['pivot']],
			[3, ['_']],
			[4, ['horaires']],
			[5, ['adresse']]
		]);
		expect(result.refused[1].errors[0].message).toBe('cet élément du tableau n’est pas un lieu (objet JSON attendu)');
		expect(await getPlace(ctx, 'json-1')).toMatchObject({ nom: 'Tiers-lieu « La Forge »', services: ['Loisirs et créations numériques'] });
		expect(await importPlacesJson(ctx, admin, bytes(places))).toMatchObject({ imported: 0, updated: 0, unchanged: 1 });
	});

	it('test_json_export_reimports_unchanged_and_matches_the_csv_which_validates', async () => {
		await importPlacesJson(
			ctx,
			admin,
			bytes([placeRow({ id: 'json-export-1' }), placeRow({ id: 'json-export-2', complement_adresse: '2e étage' })])
		);
		const exported = JSON.parse(await exportPlacesJson(ctx)) as Record<string, string | number>[];
		expect(exported.find((p) => p.id === 'json-export-1')).toMatchObject({ latitude: 45.8336, longitude: 1.2611, typologie: 'BIB|MUNI' });
		const again = await importPlacesJson(ctx, admin, bytes(exported));
		expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: exported.length, refused: [] });
		const asCsv = writeSchemaCsv(exported.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]))));
		expect(asCsv).toBe(await exportPlacesCsv(ctx));
		for (const version of ['1.0.1', '1.0.2'] as const) expect(validateTableSchema(asCsv, loadTableSchema(version))).toEqual([]);
	});

	it('test_json_that_is_not_an_array_is_refused_whole_and_only_moderators_import', async () => {
		expect(await issuesOf(importPlacesJson(ctx, admin, bytes('{"id": "x"}')))).toEqual(['_:directory.errors.notJsonArray']);
		expect(await issuesOf(importPlacesJson(ctx, admin, bytes('[{')))).toEqual(['_:directory.errors.unreadableJson']);
		await expect(importPlacesJson(ctx, await newUser(t.db), bytes([placeRow()]))).rejects.toBeInstanceOf(ForbiddenError);
	});
});

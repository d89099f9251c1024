import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { placeRow, placesCsv } from '../../../../tests/factories/directory.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { createEvent, updateEvent } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { importPlacesCsv } from './place.service.ts';
import { getStructure, listStructures } from './structure.service.ts';

describe.each(DIALECTS)('directory structures on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_structures_are_gathered_from_published_events_matched_by_siret_else_name', async () => {
		const alice = await newUser(t.db, { isAdmin: true });
		const organisers = (name: string) => [
			{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', siret: '73282932000074', role: 'lead' },
			{ name, type: 'association', role: 'partner' }
		];
		const first = await createEvent(ctx, alice, eventInput({ organisers: organisers('Les Connectés') }));
		const second = await createEvent(ctx, alice, eventInput({ organisers: organisers('LES CONNECTÉS') }));
		await createEvent(ctx, alice, eventInput({ organisers: [{ name: 'Structure du brouillon', type: 'association', role: 'lead' }] }));
		await updateEvent(ctx, alice, first.slug, { status: 'published' });
		await updateEvent(ctx, alice, second.slug, { status: 'published' });
		await importPlacesCsv(
			ctx,
			alice,
			new TextEncoder().encode(placesCsv([placeRow({ id: 'hub-lieu', pivot: '73282932000074', nom: 'Tiers-lieu du Hub' })]))
		);

		const { items } = await listStructures(ctx, {});
		expect(items.map((s) => [s.id, s.events.length])).toEqual([
			['siret-73282932000074', 2],
			['nom-les-connectes', 2]
		]);
		const hub = await getStructure(ctx, 'siret-73282932000074');
		expect(hub).toMatchObject({
			name: 'Hub Nouvelle-Aquitaine',
			type: 'hub',
			siret: '73282932000074',
			places: [{ id: 'hub-lieu', nom: 'Tiers-lieu du Hub' }]
		});
		expect(JSON.stringify(items)).not.toContain('Structure du brouillon');
		expect((await listStructures(ctx, { q: 'connectes' })).total).toBe(1);
		await expect(getStructure(ctx, 'nom-inconnue')).rejects.toBeInstanceOf(NotFoundError);
	});
});

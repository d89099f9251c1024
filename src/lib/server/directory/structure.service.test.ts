import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { placeRow, placesCsv } from '../../../../tests/factories/directory.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { createEvent, updateEvent } from '../events/event.service.ts';
import { NotFoundError, ValidationError } from '../validation.ts';
import { createSpeaker } from '../programme/speaker.service.ts';
import { importPlacesCsv } from './place.service.ts';
import { getStructure, getStructureModeration, listStructures, mergeStructures, unmergeStructure } from './structure.service.ts';
import { newParticipant } from '../../../../tests/factories/network.ts';
import { optInByToken, saveAccountProfile, withdrawAccountProfile, withdrawByToken } from '../network/profile.service.ts';

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
			['nom-les-connectes-limoges', 2]
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

	it('test_structure_lists_only_its_people_who_agreed_by_name_and_role_and_opting_out_removes_them', async () => {
		const alice = await newUser(t.db, { isAdmin: true });
		const ev = await createEvent(
			ctx,
			alice,
			eventInput({ organisers: [{ name: 'Tiers-lieu La Fabrique 87', type: 'association', role: 'lead' }] })
		);
		await updateEvent(ctx, alice, ev.slug, { status: 'published' });
		const structure = { name: 'Tiers-lieu la Fabrique 87', type: 'association' };
		const [ana, ben, cleo] = [
			await newParticipant(ctx, ev.slug, { firstName: 'Ana', structure, role: 'conseiller-numerique' }),
			await newParticipant(ctx, ev.slug, { firstName: 'Ben', structure }),
			await newParticipant(ctx, ev.slug, { firstName: 'Cléo', structure })
		];
		await optInByToken(ctx, ana.token, { activity: 'Ateliers smartphone', publicOnStructure: 'on' });
		await optInByToken(ctx, ben.token, { activity: 'Médiation' }); // the event's directory only
		const dora = await newUser(t.db, { name: 'Dora' });
		await saveAccountProfile(ctx, dora, { name: 'Dora Martin', structureName: 'TIERS-LIEU LA FABRIQUE 87', publicOnStructure: true });
		const id = (await listStructures(ctx, { q: 'fabrique 87' })).items[0].id;

		const shown = await getStructure(ctx, id);
		expect(shown.people).toEqual([
			{ name: ana.name, role: 'conseiller-numerique' },
			{ name: 'Dora Martin', role: 'autre' }
		]);
		expect(JSON.stringify(shown)).not.toContain('Ateliers smartphone');
		expect(JSON.stringify(shown)).not.toContain('@');
		expect(JSON.stringify(shown)).not.toContain(ben.name);
		expect(JSON.stringify(shown)).not.toContain(cleo.name);

		await optInByToken(ctx, ana.token, { activity: 'Ateliers smartphone' }); // unticks the box
		await withdrawAccountProfile(ctx, dora);
		expect((await getStructure(ctx, id)).people).toEqual([]);
		await optInByToken(ctx, ana.token, { publicOnStructure: true });
		expect((await getStructure(ctx, id)).people.map((p) => p.name)).toEqual([ana.name]);
		await withdrawByToken(ctx, ana.token);
		expect(JSON.stringify(await listStructures(ctx, {}))).not.toContain(ana.name);
	});

	it('test_a_structure_no_event_names_is_listed_when_its_people_agree_and_leaves_when_they_withdraw', async () => {
		const alice = await newUser(t.db, { isAdmin: true });
		const ev = await createEvent(ctx, alice, eventInput({ organisers: [{ name: 'Hub du Limousin', type: 'hub', role: 'lead' }] }));
		await updateEvent(ctx, alice, ev.slug, { status: 'published' });
		const structure = { name: 'Centre social des Portes Ferrées', type: 'association' };
		const eve = await newParticipant(ctx, ev.slug, { firstName: 'Ève', structure, role: 'conseiller-numerique' });
		const fred = await newParticipant(ctx, ev.slug, { firstName: 'Fred', structure });
		expect((await listStructures(ctx, { q: 'portes ferrees' })).total).toBe(0);
		// Fred is in the event's directory only: still nothing.
		await optInByToken(ctx, fred.token, { activity: 'Accueil' });
		expect((await listStructures(ctx, { q: 'portes ferrees' })).total).toBe(0);
		await optInByToken(ctx, eve.token, { activity: 'Ateliers', publicOnStructure: 'on' });
		const gio = await newUser(t.db, { name: 'Gio' });
		await saveAccountProfile(ctx, gio, { name: 'Gio Bernard', structureName: 'CENTRE SOCIAL DES PORTES FERRÉES', publicOnStructure: true });
		const { items } = await listStructures(ctx, { q: 'portes ferrees' });
		expect(items).toHaveLength(1);
		// Named as one of them wrote it (a member or a moderator corrects it).
		expect(items[0]).toMatchObject({ name: expect.stringMatching(/^centre social des portes ferrées$/iu), events: [], places: [] });
		expect(items[0].people.map((p) => p.name).sort()).toEqual(['Gio Bernard', eve.name].sort());
		expect(JSON.stringify(items[0])).not.toContain(fred.name);
		expect((await getStructure(ctx, items[0].id)).people).toHaveLength(2);
		await withdrawByToken(ctx, eve.token);
		await withdrawAccountProfile(ctx, gio);
		expect((await listStructures(ctx, { q: 'portes ferrees' })).total).toBe(0);
	});

	it('test_speakers_organisations_join_the_structure_of_their_name_and_communes_tell_homonyms_apart', async () => {
		const alice = await newUser(t.db, { isAdmin: true });
		const limoges = await createEvent(
			ctx,
			alice,
			eventInput({ organisers: [{ name: 'Médiathèque Centrale', type: 'collectivite', role: 'lead' }] })
		);
		const brest = await createEvent(
			ctx,
			alice,
			eventInput({
				venue: { name: 'Les Capucins', inseeCode: '29019' },
				organisers: [{ name: 'Médiathèque centrale', type: 'collectivite', role: 'lead' }]
			})
		);
		for (const ev of [limoges, brest]) await updateEvent(ctx, alice, ev.slug, { status: 'published' });
		await createSpeaker(ctx, alice, limoges.slug, { name: 'Awa Diallo', organisation: 'Association Bidouille 87', status: 'confirmed' });
		await createSpeaker(ctx, alice, limoges.slug, { name: 'Invitée', organisation: 'Structure pas encore annoncée', status: 'invited' });

		const { items } = await listStructures(ctx, { q: 'mediatheque centrale' });
		expect(items.map((s) => [s.id, s.commune])).toEqual([
			['nom-mediatheque-centrale-brest', 'Brest'],
			['nom-mediatheque-centrale-limoges', 'Limoges']
		]);
		const bidouille = (await listStructures(ctx, { q: 'bidouille' })).items;
		expect(bidouille).toMatchObject([{ id: 'nom-association-bidouille-87', events: [{ slug: limoges.slug, role: 'speaker' }] }]);
		expect((await listStructures(ctx, { q: 'pas encore annoncée' })).total).toBe(0);
	});

	it('test_a_moderator_merges_two_spellings_and_undoes_it_others_cannot', async () => {
		const admin = await newUser(t.db, { isAdmin: true });
		const someone = await newUser(t.db);
		const a = await createEvent(
			ctx,
			admin,
			eventInput({ organisers: [{ name: 'Tiers-lieu La Quincaillerie', type: 'association', role: 'lead' }] })
		);
		const b = await createEvent(
			ctx,
			admin,
			eventInput({ organisers: [{ name: 'La Quincaillerie', type: 'association', role: 'partner' }] })
		);
		for (const ev of [a, b]) await updateEvent(ctx, admin, ev.slug, { status: 'published' });
		const from = 'nom-la-quincaillerie-limoges';
		const into = 'nom-tiers-lieu-la-quincaillerie-limoges';

		await expect(mergeStructures(ctx, someone, { from, into })).rejects.toBeInstanceOf(NotFoundError);
		await expect(mergeStructures(ctx, admin, { from, into: from })).rejects.toBeInstanceOf(ValidationError);
		await expect(mergeStructures(ctx, admin, { from, into: 'nom-inconnue' })).rejects.toBeInstanceOf(ValidationError);
		await mergeStructures(ctx, admin, { from, into });

		const merged = await getStructure(ctx, into);
		expect(merged.events.map((e) => e.slug).sort()).toEqual([a.slug, b.slug].sort());
		expect(await getStructure(ctx, from)).toMatchObject({ id: into, mergedInto: into });
		expect((await listStructures(ctx, { q: 'quincaillerie' })).total).toBe(1);
		expect((await getStructureModeration(ctx, admin)).merges).toMatchObject([{ from, into, intoName: 'Tiers-lieu La Quincaillerie' }]);
		await expect(getStructureModeration(ctx, someone)).rejects.toBeInstanceOf(NotFoundError);

		await expect(unmergeStructure(ctx, someone, from)).rejects.toBeInstanceOf(NotFoundError);
		await unmergeStructure(ctx, admin, from);
		expect((await listStructures(ctx, { q: 'quincaillerie' })).total).toBe(2);
		await expect(unmergeStructure(ctx, admin, from)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_moderation_lists_likely_duplicates', async () => {
		const admin = await newUser(t.db, { isAdmin: true });
		const ev = await createEvent(
			ctx,
			admin,
			eventInput({
				organisers: [
					{ name: 'Association Les Petits Débrouillards', type: 'association', role: 'lead' },
					{ name: 'Les petits débrouillards', type: 'association', role: 'partner' }
				]
			})
		);
		await updateEvent(ctx, admin, ev.slug, { status: 'published' });
		const { duplicates } = await getStructureModeration(ctx, admin);
		expect(duplicates.map((g) => g.map((s) => s.id).sort())).toContainEqual([
			'nom-association-les-petits-debrouillards-limoges',
			'nom-les-petits-debrouillards-limoges'
		]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { getOwnAccountProfile, getOwnNetwork, optInByToken, saveAccountProfile, withdrawAccountProfile } from './profile.service.ts';

const entry = (activity: string) => ({ name: 'Awa Diallo', structureName: 'Tiers-lieu', activity, needs: '', offers: '', themes: [] });

describe.each(DIALECTS)('network profile versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_saveAccountProfile_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const awa = await newUser(t.db);
		const created = await saveAccountProfile(ctx, awa, entry('Médiation'), 0);
		expect(created.version).toBe(1);
		// A second tab opened before the entry existed: it was made meanwhile.
		await expect(saveAccountProfile(ctx, awa, entry('Autre onglet'), 0)).rejects.toMatchObject({ current: 1, named: true });
		expect(await saveAccountProfile(ctx, awa, entry('Médiation numérique'), 1)).toMatchObject({ version: 2 });
		const stale = saveAccountProfile(ctx, awa, { ...entry('Par B'), offers: 'Ateliers' }, 1);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		await expect(stale).rejects.toMatchObject({ current: 2, named: true });
		expect(await getOwnAccountProfile(ctx, awa)).toMatchObject({ activity: 'Médiation numérique', offers: '', version: 2 });
	});

	it('test_saveAccountProfile_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const awa = await newUser(t.db);
		await saveAccountProfile(ctx, awa, entry('Départ'), 0);
		const results = await Promise.allSettled(['Un', 'Deux', 'Trois'].map((a) => saveAccountProfile(ctx, awa, entry(a), 1)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
		expect((await getOwnAccountProfile(ctx, awa))?.version).toBe(2);
	});

	it('test_saveAccountProfile_withdrawn_since_loaded_is_stale_and_saving_again_makes_it_anew', async () => {
		const awa = await newUser(t.db);
		await saveAccountProfile(ctx, awa, entry('Départ'), 0);
		await withdrawAccountProfile(ctx, awa);
		await expect(saveAccountProfile(ctx, awa, entry('Ancien onglet'), 1)).rejects.toMatchObject({ current: 0, named: true });
		expect(await getOwnAccountProfile(ctx, awa)).toBeNull();
		expect(await saveAccountProfile(ctx, awa, entry('Ancien onglet'), 0)).toMatchObject({ activity: 'Ancien onglet', version: 1 });
	});

	it('test_optInByToken_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { people } = await newNetworkEvent(ctx, 1);
		const [ana] = people;
		expect(await optInByToken(ctx, ana.token, { activity: 'Médiatrice' }, 0)).toMatchObject({ version: 1 });
		await expect(optInByToken(ctx, ana.token, { activity: 'Autre onglet' }, 0)).rejects.toMatchObject({ current: 1, named: true });
		await optInByToken(ctx, ana.token, { activity: 'Médiatrice en bibliothèque' }, 1);
		await expect(optInByToken(ctx, ana.token, { offers: 'Par B' }, 1)).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getOwnNetwork(ctx, ana.token)).profile).toMatchObject({ activity: 'Médiatrice en bibliothèque', offers: '', version: 2 });
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { NotFoundError } from '../validation.ts';
import { optInByToken } from './profile.service.ts';
import { createPost, updatePost } from './post.service.ts';
import { getPostForApi, patchPostForApi } from './network.api.ts';

describe.each(DIALECTS)('need and offer versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());
	const now = new Date('2027-06-10T12:00:00Z');
	const need = { kind: 'need', category: 'room', title: 'Une salle pour 20 personnes', description: 'Le mardi' };

	async function aPost() {
		const { people } = await newNetworkEvent(ctx, 2);
		for (const p of people) await optInByToken(ctx, p.token, {});
		const [ana, ben] = people.map((p) => ({ token: p.token }));
		const { id } = await createPost(ctx, ana, need, now);
		return { ana, ben, id };
	}

	it('test_updatePost_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { ana, id } = await aPost();
		expect((await getPostForApi(ctx, ana, id, undefined, now)).version).toBe(1);
		expect(await updatePost(ctx, ana, id, { ...need, title: 'Par l’onglet A' }, 1, now)).toEqual({ id, version: 2 });
		const stale = updatePost(ctx, ana, id, { ...need, title: 'Par l’onglet B', description: 'B' }, 1, now);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		await expect(stale).rejects.toMatchObject({ current: 2, named: true });
		expect(await getPostForApi(ctx, ana, id, undefined, now)).toMatchObject({
			title: 'Par l’onglet A',
			description: 'Le mardi',
			version: 2
		});
	});

	it('test_updatePost_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { ana, id } = await aPost();
		const results = await Promise.allSettled(['Un', 'Deux', 'Trois'].map((title) => updatePost(ctx, ana, id, { ...need, title }, 1, now)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
		expect((await getPostForApi(ctx, ana, id, undefined, now)).version).toBe(2);
	});

	it('test_updatePost_someone_else_s_post_does_not_exist_for_them', async () => {
		const { ben, id } = await aPost();
		await expect(updatePost(ctx, ben, id, { ...need, title: 'Pris' }, 1, now)).rejects.toBeInstanceOf(NotFoundError);
		await expect(patchPostForApi(ctx, ben, id, { title: 'Pris' }, undefined, now)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_patchPostForApi_keeps_the_fields_not_sent_and_honours_if_match', async () => {
		const { ana, id } = await aPost();
		const patched = await patchPostForApi(ctx, ana, id, { description: 'Le jeudi aussi' }, [1], now);
		expect(patched).toMatchObject({
			kind: 'need',
			category: 'room',
			title: 'Une salle pour 20 personnes',
			description: 'Le jeudi aussi',
			version: 2
		});
		await expect(patchPostForApi(ctx, ana, id, { title: 'Trop tard' }, [1], now)).rejects.toMatchObject({ named: true, current: 2 });
		expect((await getPostForApi(ctx, ana, id, undefined, now)).title).toBe('Une salle pour 20 personnes');
	});
});

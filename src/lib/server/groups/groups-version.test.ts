import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { createGroup, getWorkingGroup, patchGroup, updateGroup } from './groups.service.ts';

describe.each(DIALECTS)('working group versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function aGroup() {
		const { owner, event } = await newNetworkEvent(ctx, 0);
		const group = await createGroup(ctx, owner, event.slug, { title: 'Guide des aidants', purpose: 'Écrire un guide' });
		return { owner, slug: event.slug, group };
	}

	it('test_updateGroup_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { owner, slug, group } = await aGroup();
		expect(group.version).toBe(1);
		const saved = await updateGroup(ctx, owner, slug, group.id, { title: 'Par A', purpose: 'Objet A' }, new Date(), group.version);
		expect(saved.version).toBe(2);
		const stale = updateGroup(ctx, owner, slug, group.id, { title: 'Par B', status: 'closed' }, new Date(), group.version);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		await expect(stale).rejects.toMatchObject({ current: 2, named: true });
		expect(await getWorkingGroup(ctx, owner, slug, group.id)).toMatchObject({
			title: 'Par A',
			purpose: 'Objet A',
			status: 'active',
			version: 2
		});
	});

	it('test_updateGroup_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, slug, group } = await aGroup();
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((title) => updateGroup(ctx, owner, slug, group.id, { title }, new Date(), group.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
		expect((await getWorkingGroup(ctx, owner, slug, group.id)).version).toBe(2);
	});

	it('test_patchGroup_keeps_the_fields_not_sent_and_honours_if_match_lists', async () => {
		const { owner, slug, group } = await aGroup();
		const patched = await patchGroup(ctx, owner, slug, group.id, { status: 'closed' }, [1, 7]);
		expect(patched).toMatchObject({ title: 'Guide des aidants', purpose: 'Écrire un guide', status: 'closed', version: 2 });
		await expect(patchGroup(ctx, owner, slug, group.id, { title: 'Trop tard' }, [1])).rejects.toMatchObject({ named: true, current: 2 });
		expect((await getWorkingGroup(ctx, owner, slug, group.id)).title).toBe('Guide des aidants');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { cancelCampaign, createCampaign, getCampaign, updateCampaign } from './campaign.service.ts';

describe.each(DIALECTS)('campaign versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function aDraft() {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'free', name: 'Relance', subject: 'Bonjour', body: 'Bonjour {prenom}' });
		return { owner, slug: ev.slug, c };
	}

	it('test_updateCampaign_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { owner, slug, c } = await aDraft();
		const saved = await updateCampaign(ctx, owner, slug, c.id, { subject: 'Par A' }, c.version);
		expect(saved.version).toBe(c.version + 1);
		await expect(updateCampaign(ctx, owner, slug, c.id, { subject: 'Par B', body: 'B' }, c.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect((await getCampaign(ctx, owner, slug, c.id)).campaign).toMatchObject({
			subject: 'Par A',
			body: 'Bonjour {prenom}',
			version: c.version + 1
		});
	});

	it('test_updateCampaign_a_draft_cancelled_meanwhile_is_stale_rather_than_silently_refused', async () => {
		const { owner, slug, c } = await aDraft();
		await cancelCampaign(ctx, owner, slug, c.id);
		await expect(updateCampaign(ctx, owner, slug, c.id, { subject: 'Trop tard' }, c.version)).rejects.toBeInstanceOf(StaleVersionError);
	});

	it('test_updateCampaign_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, slug, c } = await aDraft();
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((subject) => updateCampaign(ctx, owner, slug, c.id, { subject }, c.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { getReportVersion, setReportPublished, updateReportSettings, updateReview } from './report.service.ts';

const review = (text: string) => ({ toImprove: [{ theme: 'Accueil', text }], toKeep: [] });
const settings = (framing: string) => ({ hiddenSections: [], texts: { framing }, showPerSession: true, verbatims: [] });

describe.each(DIALECTS)('report versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function anEvent() {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		return { owner, slug: ev.slug };
	}

	it('test_updateReview_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { owner, slug } = await anEvent();
		// Before the report's row exists the editor shows version 0: the first save creates it.
		expect(await getReportVersion(ctx, owner, slug)).toBe(0);
		await updateReview(ctx, owner, slug, review('Par A'), 0);
		await expect(updateReview(ctx, owner, slug, review('Par B'), 0)).rejects.toBeInstanceOf(StaleVersionError);
		const loaded = await getReportVersion(ctx, owner, slug);
		expect(loaded).toBe(1);
		await updateReview(ctx, owner, slug, review('Par A encore'), loaded);
		await expect(updateReview(ctx, owner, slug, review('Par B'), loaded)).rejects.toBeInstanceOf(StaleVersionError);
		expect(await getReportVersion(ctx, owner, slug)).toBe(2);
	});

	it('test_updateReportSettings_a_publication_meanwhile_makes_the_open_form_stale', async () => {
		const { owner, slug } = await anEvent();
		await updateReportSettings(ctx, owner, slug, settings('Premier texte'));
		const loaded = await getReportVersion(ctx, owner, slug);
		await setReportPublished(ctx, owner, slug, { published: true });
		await expect(updateReportSettings(ctx, owner, slug, settings('Vieux formulaire'), loaded)).rejects.toBeInstanceOf(StaleVersionError);
	});

	it('test_updateReview_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, slug } = await anEvent();
		await updateReview(ctx, owner, slug, review('Départ'));
		const loaded = await getReportVersion(ctx, owner, slug);
		const results = await Promise.allSettled(['Un', 'Deux', 'Trois'].map((x) => updateReview(ctx, owner, slug, review(x), loaded)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
	});
});

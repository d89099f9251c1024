import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent } from '../../../../tests/factories/registrations.ts';
import { openSurveyInput } from '../../../../tests/factories/surveys.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { getSurvey, saveSurvey } from './survey.service.ts';

describe.each(DIALECTS)('survey versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_saveSurvey_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const first = await saveSurvey(ctx, owner, ev.slug, openSurveyInput({ title: 'Votre avis' }));
		const saved = await saveSurvey(ctx, owner, ev.slug, openSurveyInput({ title: 'Par A' }), first.version);
		expect(saved.version).toBe(first.version + 1);
		await expect(saveSurvey(ctx, owner, ev.slug, openSurveyInput({ title: 'Par B' }), first.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		const now = await getSurvey(ctx, owner, ev.slug);
		expect([now.title, now.version]).toEqual(['Par A', first.version + 1]);
	});

	it('test_saveSurvey_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const first = await saveSurvey(ctx, owner, ev.slug, openSurveyInput({}));
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((title) => saveSurvey(ctx, owner, ev.slug, openSurveyInput({ title }), first.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
	});
});

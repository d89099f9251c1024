import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { StaleVersionError } from '../edit-version.ts';
import { updateProgrammeSettings } from '../programme/programme.service.ts';
import { getEventForTeam, updateEvent, type ServiceContext } from './event.service.ts';

describe.each(DIALECTS)('event versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_updateEvent_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const saved = await updateEvent(ctx, alice, ev.slug, { description: 'Par A' }, ev.version);
		expect(saved.version).toBe(ev.version + 1);
		await expect(updateEvent(ctx, alice, ev.slug, { description: 'Par B', title: 'B' }, ev.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect(await getEventForTeam(ctx, alice, ev.slug)).toMatchObject({ description: 'Par A', title: ev.title, version: ev.version + 1 });
	});

	it('test_updateEvent_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((description) => updateEvent(ctx, alice, ev.slug, { description }, ev.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
	});

	it('test_updateEvent_programme_settings_make_an_open_event_form_stale', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await updateProgrammeSettings(ctx, alice, ev.slug, { minBreakMinutes: 20 });
		await expect(updateEvent(ctx, alice, ev.slug, { description: 'Vieux formulaire' }, ev.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { StaleVersionError } from '../edit-version.ts';
import { getTeamProgramme, updateProgrammeSettings } from './programme.service.ts';
import type { ServiceContext } from '../events/event.service.ts';

describe.each(DIALECTS)('programme settings versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_updateProgrammeSettings_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		expect(await updateProgrammeSettings(ctx, alice, ev.slug, { minBreakMinutes: 20 }, ev.version)).toEqual({
			minBreakMinutes: 20,
			version: ev.version + 1
		});
		const stale = updateProgrammeSettings(ctx, alice, ev.slug, { minBreakMinutes: 5 }, ev.version);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		await expect(stale).rejects.toMatchObject({ current: ev.version + 1, named: true });
		expect((await getTeamProgramme(ctx, alice, ev.slug)).event).toMatchObject({ minBreakMinutes: 20, version: ev.version + 1 });
	});

	it('test_updateProgrammeSettings_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const results = await Promise.allSettled(
			[5, 10, 15].map((minBreakMinutes) => updateProgrammeSettings(ctx, alice, ev.slug, { minBreakMinutes }, ev.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
		expect((await getTeamProgramme(ctx, alice, ev.slug)).event.version).toBe(ev.version + 1);
	});
});

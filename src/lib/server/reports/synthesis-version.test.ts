import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, newSpeaker } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { hashInviteToken } from '../programme/speaker.service.ts';
import { getSynthesis, saveSynthesis, saveSynthesisAsSpeaker } from './synthesis.service.ts';

const text = (point: string) => ({ sections: [{ title: 'Actions', points: [point] }] });

describe.each(DIALECTS)('synthesis versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	/** An event, one of its sessions, and the private link of that session's speaker. */
	async function aSession() {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const sessionId = await newSession(t.db, ev.id);
		const speakerId = await newSpeaker(t.db, ev.id, sessionId, 'Sam Parole');
		const token = `tok${crypto.randomUUID().replace(/-/g, '')}`;
		await t.db
			.updateTable('speaker')
			.set({ invite_token_hash: hashInviteToken(token) })
			.where('id', '=', speakerId)
			.execute();
		return { owner, slug: ev.slug, sessionId, token };
	}

	it('test_saveSynthesis_version_0_before_the_first_save_then_raised_by_each', async () => {
		const { owner, slug, sessionId } = await aSession();
		expect((await getSynthesis(ctx, owner, slug, sessionId)).synthesis.version).toBe(0);
		expect((await saveSynthesis(ctx, owner, slug, sessionId, text('Un'), 0)).version).toBe(1);
		expect((await saveSynthesis(ctx, owner, slug, sessionId, text('Deux'), 1)).version).toBe(2);
		expect((await getSynthesis(ctx, owner, slug, sessionId)).synthesis).toMatchObject({ version: 2, sections: [{ points: ['Deux'] }] });
	});

	it('test_saveSynthesis_organiser_and_speaker_from_the_same_load_the_second_is_stale_and_writes_nothing', async () => {
		const { owner, slug, sessionId, token } = await aSession();
		await saveSynthesisAsSpeaker(ctx, token, sessionId, text('Par l’intervenant·e'), 0);
		const stale = saveSynthesis(ctx, owner, slug, sessionId, text('Par l’organisatrice'), 0);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		await expect(stale).rejects.toMatchObject({ current: 1, named: true });
		expect((await getSynthesis(ctx, owner, slug, sessionId)).synthesis).toMatchObject({
			version: 1,
			sections: [{ points: ['Par l’intervenant·e'] }]
		});
		// And the other way round once it exists.
		await saveSynthesis(ctx, owner, slug, sessionId, text('Organisatrice, version 1'), 1);
		await expect(saveSynthesisAsSpeaker(ctx, token, sessionId, text('Intervenant·e, version 1'), 1)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect((await getSynthesis(ctx, owner, slug, sessionId)).synthesis.sections[0].points).toEqual(['Organisatrice, version 1']);
	});

	it('test_saveSynthesis_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, slug, sessionId, token } = await aSession();
		for (const from of [0, 1]) {
			const results = await Promise.allSettled([
				saveSynthesis(ctx, owner, slug, sessionId, text('A'), from),
				saveSynthesisAsSpeaker(ctx, token, sessionId, text('B'), from),
				saveSynthesis(ctx, owner, slug, sessionId, text('C'), from)
			]);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
			expect((await getSynthesis(ctx, owner, slug, sessionId)).synthesis.version).toBe(from + 1);
		}
	});

	it('test_saveSynthesis_without_a_version_still_saves', async () => {
		const { owner, slug, sessionId } = await aSession();
		await saveSynthesis(ctx, owner, slug, sessionId, text('Un'));
		expect((await saveSynthesis(ctx, owner, slug, sessionId, text('Deux'))).version).toBe(2);
	});
});

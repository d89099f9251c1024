import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { DAY1, newProgrammeEvent, paris, roomInput, sessionInput, speakerInput } from '../../../../tests/factories/programme.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { createSession, getTeamSession, nudgeSession, updateSession } from './session.service.ts';
import { readMoveForm } from './programme.form.ts';
import {
	answerSpeakerInvitation,
	createSpeaker,
	getSpeakerInvitation,
	getTeamSpeaker,
	inviteSpeaker,
	updateSpeaker
} from './speaker.service.ts';
import { createRoom, listRooms, moveRoom, updateRoom } from './room.service.ts';

/** What a promise rejected with (fails the test when it resolved). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
	try {
		await p;
	} catch (e) {
		return e;
	}
	throw new Error('expected a rejection');
}

describe.each(DIALECTS)('programme versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_updateSession_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		// Arrange: two organisers open the same session (same version).
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput({ title: 'Atelier' }));
		const loaded = (await getTeamSession(ctx, owner, event.slug, s.id)).version;
		// Act: the first saves, then the second saves from what they loaded.
		const first = await updateSession(ctx, owner, event.slug, s.id, { title: 'Atelier A', description: 'Par A' }, 'fr', loaded);
		const stale = await rejection(updateSession(ctx, owner, event.slug, s.id, { title: 'Atelier B' }, 'fr', loaded));
		// Assert: the first change stays whole, the second is refused with the version stored now.
		expect(first.version).toBe(loaded + 1);
		expect(stale).toBeInstanceOf(StaleVersionError);
		expect((stale as StaleVersionError).current).toBe(loaded + 1);
		expect((stale as StaleVersionError).named).toBe(true);
		const now = await getTeamSession(ctx, owner, event.slug, s.id);
		expect(now).toMatchObject({ title: 'Atelier A', description: 'Par A', version: loaded + 1 });
	});

	it('test_updateSession_saving_again_with_the_current_version_goes_through', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput());
		await updateSession(ctx, owner, event.slug, s.id, { title: 'Premier' }, 'fr', s.version);
		const stale = (await rejection(updateSession(ctx, owner, event.slug, s.id, { title: 'Second' }, 'fr', s.version))) as StaleVersionError;
		const saved = await updateSession(ctx, owner, event.slug, s.id, { title: 'Second' }, 'fr', stale.current!);
		expect(saved).toMatchObject({ title: 'Second', version: s.version + 2 });
	});

	it('test_updateSession_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput());
		const titles = ['Un', 'Deux', 'Trois', 'Quatre'];
		const results = await Promise.allSettled(
			titles.map((title) => updateSession(ctx, owner, event.slug, s.id, { title }, 'fr', s.version))
		);
		const won = results.filter((r) => r.status === 'fulfilled');
		const lost = results.filter((r) => r.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost.every((r) => (r as PromiseRejectedResult).reason instanceof StaleVersionError)).toBe(true);
		const winner = (won[0] as PromiseFulfilledResult<{ title: string }>).value.title;
		expect(await getTeamSession(ctx, owner, event.slug, s.id)).toMatchObject({ title: winner, version: s.version + 1 });
	});

	it('test_updateSession_without_a_version_still_raises_it_so_older_forms_go_stale', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput({ startsAt: paris(DAY1, '10:00') }));
		await nudgeSession(ctx, owner, event.slug, s.id, 'later');
		await updateSession(ctx, owner, event.slug, s.id, { capacity: 30 });
		const stale = await rejection(updateSession(ctx, owner, event.slug, s.id, { title: 'Vieux formulaire' }, 'fr', s.version));
		expect(stale).toBeInstanceOf(StaleVersionError);
		expect((await getTeamSession(ctx, owner, event.slug, s.id)).title).toBe(s.title);
	});

	it('test_updateSession_a_list_of_accepted_versions_matches_any', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput());
		const saved = await updateSession(ctx, owner, event.slug, s.id, { title: 'Liste' }, 'fr', [s.version + 5, s.version]);
		expect(saved.title).toBe('Liste');
		expect(await rejection(updateSession(ctx, owner, event.slug, s.id, { title: 'Aucune' }, 'fr', []))).toBeInstanceOf(StaleVersionError);
	});

	it('test_updateSpeaker_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const sp = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Awa' }));
		await updateSpeaker(ctx, owner, event.slug, sp.id, { bio: 'Par A' }, undefined, sp.version);
		const stale = await rejection(updateSpeaker(ctx, owner, event.slug, sp.id, { bio: 'Par B' }, undefined, sp.version));
		expect(stale).toBeInstanceOf(StaleVersionError);
		expect(await getTeamSpeaker(ctx, owner, event.slug, sp.id)).toMatchObject({ bio: 'Par A', version: sp.version + 1 });
	});

	it('test_updateSpeaker_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const sp = await createSpeaker(ctx, owner, event.slug, speakerInput());
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((bio) => updateSpeaker(ctx, owner, event.slug, sp.id, { bio }, undefined, sp.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect((await getTeamSpeaker(ctx, owner, event.slug, sp.id)).version).toBe(sp.version + 1);
	});

	it('test_updateRoom_second_save_from_the_same_load_is_stale_and_a_reorder_also_counts', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const room = await createRoom(ctx, owner, event.slug, roomInput({ name: 'Salle A' }));
		const renamed = await updateRoom(ctx, owner, event.slug, room.id, { name: 'Salle A1' }, room.version);
		expect(renamed).toMatchObject({ name: 'Salle A1', version: room.version + 1 });
		expect(await rejection(updateRoom(ctx, owner, event.slug, room.id, { name: 'Salle A2' }, room.version))).toBeInstanceOf(
			StaleVersionError
		);
		expect((await listRooms(ctx, owner, event.slug)).find((r) => r.id === room.id)?.name).toBe('Salle A1');
		const results = await Promise.allSettled(
			['X', 'Y'].map((name) => updateRoom(ctx, owner, event.slug, room.id, { name }, renamed.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		// Moving rooms changes their rows too: a form loaded before is stale, nothing is lost.
		await createRoom(ctx, owner, event.slug, roomInput({ name: 'Salle B' }));
		const before = (await listRooms(ctx, owner, event.slug)).find((r) => r.id === room.id)!;
		await moveRoom(ctx, owner, event.slug, room.id, 'down');
		const after = (await listRooms(ctx, owner, event.slug)).find((r) => r.id === room.id)!;
		expect(after.version).toBeGreaterThan(before.version);
	});

	it('test_grid_move_from_a_grid_loaded_before_an_edit_is_stale_and_the_session_stays_where_it_was_put', async () => {
		// The grid's drag and drop posts the move form with the version each card was drawn with.
		const { owner, event } = await newProgrammeEvent(ctx);
		const s = await createSession(ctx, owner, event.slug, sessionInput());
		const drawn = (await getTeamSession(ctx, owner, event.slug, s.id)).version;
		await updateSession(ctx, owner, event.slug, s.id, { startsAt: paris(DAY1, '14:00'), endsAt: paris(DAY1, '15:30') }, 'fr', drawn);
		const form = new FormData();
		for (const [k, v] of Object.entries({ day: DAY1, startTime: '09:00', endTime: '10:00', roomId: '' })) form.set(k, v);
		const move = readMoveForm(form);
		expect(await rejection(updateSession(ctx, owner, event.slug, s.id, move.input, 'fr', drawn))).toBeInstanceOf(StaleVersionError);
		expect((await getTeamSession(ctx, owner, event.slug, s.id)).startsAt).toBe(paris(DAY1, '14:00'));
	});

	it('test_answerSpeakerInvitation_after_a_team_edit_is_stale_and_the_team_edit_stays', async () => {
		const { owner, event } = await newProgrammeEvent(ctx);
		const sp = await createSpeaker(ctx, owner, event.slug, speakerInput({ name: 'Awa', email: 'awa.version@example.org' }));
		const token = (await inviteSpeaker(ctx, owner, event.slug, sp.id)).link.split('/intervenant/')[1];
		const page = await getSpeakerInvitation(ctx, token);
		await updateSpeaker(ctx, owner, event.slug, sp.id, { bio: 'Écrite par l’équipe' });
		const answer = { name: 'Awa Diallo', bio: 'Écrite par Awa', status: 'confirmed' };
		const stale = await rejection(answerSpeakerInvitation(ctx, token, answer, undefined, page.speaker.version));
		expect(stale).toBeInstanceOf(StaleVersionError);
		expect(await getTeamSpeaker(ctx, owner, event.slug, sp.id)).toMatchObject({
			name: 'Awa',
			bio: 'Écrite par l’équipe',
			status: 'invited'
		});
		const again = await getSpeakerInvitation(ctx, token);
		expect((await answerSpeakerInvitation(ctx, token, answer, undefined, again.speaker.version)).speaker).toMatchObject({
			bio: 'Écrite par Awa'
		});
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession } from '../../../../tests/factories/registrations.ts';
import { StaleVersionError } from '../edit-version.ts';
import type { RegistrationContext } from './registration.service.ts';
import {
	addQuestion,
	getRegistrationSettings,
	moveQuestion,
	updateQuestion,
	updateRegistrationSettings,
	updateSessionsRegistration
} from './registration-settings.service.ts';

describe.each(DIALECTS)('registration settings versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	it('test_updateRegistrationSettings_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const { version } = (await getRegistrationSettings(ctx, owner, ev.slug)).settings;
		const saved = await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 80 }, version);
		expect(saved.settings).toMatchObject({ capacity: 80, version: version + 1 });
		await expect(
			updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 200, reminders: { j7: { enabled: true, text: 'B' } } }, version)
		).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).settings).toMatchObject({
			capacity: 80,
			reminders: { j7: { text: '' } },
			version: version + 1
		});
	});

	it('test_updateRegistrationSettings_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const { version } = (await getRegistrationSettings(ctx, owner, ev.slug)).settings;
		const results = await Promise.allSettled(
			[50, 70].map((capacity) => updateRegistrationSettings(ctx, owner, ev.slug, { capacity }, version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(1);
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).settings.version).toBe(version + 1);
	});

	it('test_updateQuestion_saves_one_line_at_its_version_and_leaves_the_others', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const train = await addQuestion(ctx, owner, ev.slug, { label: 'Venez-vous en train ?', kind: 'yesno' });
		const themes = await addQuestion(ctx, owner, ev.slug, { label: 'Thèmes', kind: 'multiple', options: ['Inclusion', 'Communs'] });
		const loaded = (await getRegistrationSettings(ctx, owner, ev.slug)).questions;
		const v = (id: string) => loaded.find((q) => q.id === id)!.version;
		// Moving a question is not an edit of it: an open line stays valid.
		await moveQuestion(ctx, owner, ev.slug, themes, 'up');
		await updateQuestion(ctx, owner, ev.slug, train, { label: 'Venez-vous en train ou en car ?', kind: 'yesno', required: true }, v(train));
		await expect(updateQuestion(ctx, owner, ev.slug, train, { label: 'Par B', kind: 'text' }, v(train))).rejects.toBeInstanceOf(
			StaleVersionError
		);
		const after = (await getRegistrationSettings(ctx, owner, ev.slug)).questions;
		expect(after.map((q) => [q.label, q.kind, q.required, q.version])).toEqual([
			['Thèmes', 'multiple', false, v(themes)],
			['Venez-vous en train ou en car ?', 'yesno', true, v(train) + 1]
		]);
	});

	it('test_updateSessionsRegistration_a_row_changed_since_loaded_is_stale_and_nothing_is_written', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const a = await newSession(t.db, ev.id, { capacity: 20 });
		const b = await newSession(t.db, ev.id, { capacity: 30 });
		const loaded = (await getRegistrationSettings(ctx, owner, ev.slug)).sessions;
		const v = (id: string) => loaded.find((s) => s.id === id)!.version;
		const row = (sessionId: string, capacity: string, version: number) => ({ sessionId, capacity, requiresRegistration: true, version });
		await updateSessionsRegistration(ctx, owner, ev.slug, [row(a, '25', v(a)), row(b, '30', v(b))]);
		// Second save from the same load: a's seats changed since (stale), b's new value is not written either.
		const stale = updateSessionsRegistration(ctx, owner, ev.slug, [row(a, '40', v(a)), row(b, '50', v(b))]);
		await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
		const after = (await getRegistrationSettings(ctx, owner, ev.slug)).sessions;
		expect(after.map((s) => [s.id, s.ownCapacity, s.version])).toEqual([
			[a, 25, v(a) + 1],
			[b, 30, v(b)]
		]);
		// A row posted as it is stored is not checked: the table saved from the old load still writes b.
		await updateSessionsRegistration(ctx, owner, ev.slug, [row(a, '25', v(a)), row(b, '35', v(b))]);
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).sessions.map((s) => s.ownCapacity)).toEqual([25, 35]);
	});

	it('test_updateSessionsRegistration_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const a = await newSession(t.db, ev.id, { capacity: 20 });
		const [{ version }] = (await getRegistrationSettings(ctx, owner, ev.slug)).sessions;
		const results = await Promise.allSettled(
			['40', '50'].map((capacity) =>
				updateSessionsRegistration(ctx, owner, ev.slug, [{ sessionId: a, capacity, requiresRegistration: true, version }])
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(1);
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).sessions[0].version).toBe(version + 1);
	});
});

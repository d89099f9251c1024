import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { StaleVersionError } from '../edit-version.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { getParticipant } from './participants.service.ts';
import { editOwnNeeds, editRegistration, getOwnNeeds } from './registration-edit.service.ts';

const BEFORE = new Date('2027-01-10T10:00:00Z');

describe.each(DIALECTS)('registration versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	async function aRegistration() {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const input = registrationInput();
		const r = await registerParticipant(ctx, null, ev.slug, input);
		return { owner, input, r, loaded: await getParticipant(ctx, owner, r.id) };
	}
	const rowOf = (id: string) => t.db.selectFrom('registration').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

	it('test_editRegistration_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { owner, input, r, loaded } = await aRegistration();
		await editRegistration(ctx, owner, r.id, { ...input, lastName: 'Par A' }, { version: loaded.version });
		await expect(
			editRegistration(ctx, owner, r.id, { ...input, lastName: 'Par B', firstName: 'B' }, { version: loaded.version })
		).rejects.toBeInstanceOf(StaleVersionError);
		const row = await rowOf(r.id);
		expect([row.last_name, row.first_name, Number(row.version)]).toEqual(['Par A', input.firstName, loaded.version + 1]);
	});

	it('test_editOwnNeeds_after_an_organiser_edit_is_stale_and_the_organiser_edit_stays', async () => {
		const { owner, input, r } = await aRegistration();
		const token = r.manageToken!;
		const page = await getOwnNeeds(ctx, token);
		await editRegistration(ctx, owner, r.id, { ...input, lastName: 'Corrigé' });
		await expect(editOwnNeeds(ctx, token, { halfDays: ['2027-06-10:am'], meal: true }, BEFORE, page.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		const row = await rowOf(r.id);
		expect([row.last_name, Number(row.meal)]).toEqual(['Corrigé', 0]);
		// Reloaded: the save goes through.
		const again = await getOwnNeeds(ctx, token);
		await editOwnNeeds(ctx, token, { halfDays: ['2027-06-10:am'], meal: true }, BEFORE, again.version);
		expect(Number((await rowOf(r.id)).meal)).toBe(1);
	});

	it('test_editRegistration_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { owner, input, r, loaded } = await aRegistration();
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((lastName) => editRegistration(ctx, owner, r.id, { ...input, lastName }, { version: loaded.version }))
		);
		expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((x) => x.status === 'rejected' && x.reason instanceof StaleVersionError)).toHaveLength(2);
	});
});

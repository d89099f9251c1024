import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { NotFoundError } from '../validation.ts';
import { updateRegistrationSettings } from './registration-settings.service.ts';
import { confirmHold, getHold, HOLD_HOURS, purgeExpiredHolds, registerOnline } from './registration-hold.service.ts';
import type { RegistrationContext } from './registration.service.ts';

describe.each(DIALECTS)('double opt-in on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	async function anEvent(settings: Record<string, unknown>) {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, { doubleOptIn: true, ...settings });
		return ev;
	}
	const countOf = async (eventId: string, table: 'registration' | 'registration_hold') =>
		Number(
			(
				await t.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll().as('n'))
					.where('event_id', '=', eventId)
					.executeTakeFirstOrThrow()
			).n
		);
	/** The confirmation link's token, read from the message queued for `to`. */
	async function tokenMailedTo(to: string) {
		const mail = await t.db
			.selectFrom('mail_message')
			.selectAll()
			.where('to_address', '=', to)
			.where('kind', '=', 'registration-opt-in')
			.orderBy('created_at', 'desc')
			.executeTakeFirstOrThrow();
		return /token=(mco_[A-Za-z0-9_-]{32})/.exec(mail.text_body ?? '')![1];
	}

	it('test_registerOnline_holds_nothing_until_confirmed_then_follows_capacity_and_waiting_list', async () => {
		const ev = await anEvent({ capacity: 1, waitlistEnabled: true });
		const a = registrationInput();
		const b = registrationInput();
		// Both ask; nothing is held, one e-mail each.
		expect(await registerOnline(ctx, null, ev.slug, a)).toMatchObject({ held: true, email: String(a.email).toLowerCase() });
		expect(await registerOnline(ctx, null, ev.slug, b)).toMatchObject({ held: true });
		expect(await countOf(ev.id, 'registration')).toBe(0);
		expect(await countOf(ev.id, 'registration_hold')).toBe(2);
		// B confirms first and gets the one place; A, confirming after, waits.
		const tokenA = await tokenMailedTo(String(a.email).toLowerCase());
		const tokenB = await tokenMailedTo(String(b.email).toLowerCase());
		expect(await getHold(ctx, ev.slug, tokenB)).toMatchObject({ firstName: b.firstName });
		expect(await confirmHold(ctx, ev.slug, tokenB)).toMatchObject({ status: 'confirmed', created: true });
		expect(await confirmHold(ctx, ev.slug, tokenA)).toMatchObject({ status: 'waitlisted', created: true });
		expect(await countOf(ev.id, 'registration_hold')).toBe(0);
		// The normal confirmation went out; the link is used up.
		const kinds = await t.db.selectFrom('mail_message').select('kind').where('to_address', '=', String(b.email).toLowerCase()).execute();
		expect(kinds.map((k) => k.kind).sort()).toEqual(['registration-confirmed', 'registration-opt-in']);
		await expect(confirmHold(ctx, ev.slug, tokenB)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_registerOnline_a_hold_expires_unconfirmed_and_the_job_deletes_it', async () => {
		const ev = await anEvent({ capacity: 1 });
		const a = registrationInput();
		const now = new Date();
		await registerOnline(ctx, null, ev.slug, a, { now });
		const token = await tokenMailedTo(String(a.email).toLowerCase());
		const later = new Date(now.getTime() + (HOLD_HOURS * 3600 + 60) * 1000);
		await expect(confirmHold(ctx, ev.slug, token, later)).rejects.toBeInstanceOf(NotFoundError);
		expect(await purgeExpiredHolds(t.db, later)).toBeGreaterThanOrEqual(1);
		expect(await countOf(ev.id, 'registration_hold')).toBe(0);
		// The place was never taken: someone else registers and confirms.
		const b = registrationInput();
		await registerOnline(ctx, null, ev.slug, b);
		expect(await confirmHold(ctx, ev.slug, await tokenMailedTo(String(b.email).toLowerCase()))).toMatchObject({ status: 'confirmed' });
	});

	it('test_registerOnline_off_by_default_and_an_address_already_registered_is_a_repeat', async () => {
		const owner = await newUser(t.db);
		const plain = await newPublishedEvent(t.db, owner);
		const a = registrationInput();
		expect(await registerOnline(ctx, null, plain.slug, a)).toMatchObject({ created: true, status: 'confirmed' });
		await updateRegistrationSettings(ctx, owner, plain.slug, { doubleOptIn: true });
		expect(await registerOnline(ctx, null, plain.slug, a)).toMatchObject({ created: false });
		expect(await countOf(plain.id, 'registration_hold')).toBe(0);
	});
});

// The locking rule, at the service level: concurrent registrations for the last places never give
// more confirmed places or seats than capacity. On PostgreSQL two connection pools stand for two
// app processes, and the same rush without the lock (count, then insert) is shown to overbook:
// the test can fail. (Two SQLite processes are covered over HTTP in tests/e2e; in one process,
// Kysely's single SQLite connection already serialises transactions.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../db/index.ts';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { ConflictError } from '../validation.ts';
import { registerParticipant, type RegistrationResult } from './registration.service.ts';
import { cancelRegistration } from './registration-manage.service.ts';
import { updateRegistrationSettings } from './registration-settings.service.ts';

describe.each(DIALECTS)('concurrent registrations on %s', (dialect) => {
	let t: TestDb;
	let second: DbHandle;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		second = dialect === 'postgres' ? createDb(t.url) : t;
	});
	afterAll(async () => {
		if (second !== t) await second.db.destroy();
		await t.close();
	});

	it('test_a_rush_for_the_last_places_and_seats_never_overbooks', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const ctxA = { db: t.db, publicUrl: 'http://localhost' };
		const ctxB = { db: second.db, publicUrl: 'http://localhost' };
		await updateRegistrationSettings(ctxA, owner, ev.slug, { capacity: 12 });
		const s = await newSession(t.db, ev.id, { capacity: 4 });
		const results = await Promise.allSettled(
			Array.from({ length: 60 }, (_, i) => registerParticipant(i % 2 ? ctxA : ctxB, null, ev.slug, registrationInput({ sessionIds: [s] })))
		);
		const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
		const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
		expect(failures.every((e) => e instanceof ConflictError)).toBe(true);
		expect(ok.length).toBe(12);
		expect(ok.filter((r) => r.sessions[0].status === 'confirmed').length).toBe(4);
		const rows = await t.db.selectFrom('registration').select('status').where('event_id', '=', ev.id).execute();
		expect(rows.filter((r) => r.status === 'confirmed').length).toBe(12);
	});

	it('test_the_same_person_sent_eight_times_at_once_is_registered_once', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const ctxA = { db: t.db, publicUrl: 'http://localhost' };
		const ctxB = { db: second.db, publicUrl: 'http://localhost' };
		const s = await newSession(t.db, ev.id, { capacity: 2 });
		// Others around them, so that several go in the same batch.
		const others = Array.from({ length: 6 }, () => registrationInput({ sessionIds: [s] }));
		const same = registrationInput({ sessionIds: [s] });
		const results = await Promise.all([
			...Array.from({ length: 8 }, (_, i) => registerParticipant(i % 2 ? ctxA : ctxB, null, ev.slug, { ...same })),
			...others.map((o, i) => registerParticipant(i % 2 ? ctxA : ctxB, null, ev.slug, o))
		]);
		const mine = results.slice(0, 8);
		expect(new Set(mine.map((r) => r.id)).size).toBe(1);
		expect(mine.filter((r) => r.created).length).toBe(1);
		const rows = await t.db.selectFrom('registration').select(['id', 'email']).where('event_id', '=', ev.id).execute();
		expect(rows.length).toBe(7);
		const mails = await t.db
			.selectFrom('mail_message')
			.select('id')
			.where('event_id', '=', ev.id)
			.where('kind', '=', 'registration-confirmed')
			.where('to_address', '=', String(same.email))
			.execute();
		expect(mails.length).toBe(1);
		const seats = await t.db.selectFrom('registration_session').select('status').where('session_id', '=', s).execute();
		expect(seats.filter((x) => x.status === 'confirmed').length).toBe(2);
		expect(seats.length).toBe(7);
	});

	it('test_a_batch_that_heals_a_session_then_keeps_counting_its_own_seats', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const ctx = { db: t.db, publicUrl: 'http://localhost' };
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 100 });
		const s = await newSession(t.db, ev.id, { capacity: 1 });
		const other = await newSession(t.db, ev.id, { capacity: 50, startsAt: '2027-06-10T12:00:00.000Z', endsAt: '2027-06-10T13:00:00.000Z' });
		for (let i = 0; i < 3; i++) await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [s] }));
		// Raised behind the service's back: 3 free seats, 2 people waiting.
		await t.db.updateTable('session').set({ capacity: 4 }).where('id', '=', s).execute();
		// One registration runs alone; the five that arrive meanwhile share the next batch. The
		// first of them gives the two waiting people their seats and takes the last one; the
		// others must count that seat although it is written only at the commit.
		const results = await Promise.all([
			registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [other] })),
			...Array.from({ length: 5 }, () => registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [s] })))
		]);
		expect(results.slice(1).filter((r) => r.sessions[0].status === 'confirmed').length).toBe(1);
		const seats = await t.db.selectFrom('registration_session').select('status').where('session_id', '=', s).execute();
		expect(seats.filter((x) => x.status === 'confirmed').length).toBe(4);
	});

	it('test_cancellations_racing_registrations_keep_seats_within_capacity', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const ctxA = { db: t.db, publicUrl: 'http://localhost' };
		const ctxB = { db: second.db, publicUrl: 'http://localhost' };
		const s = await newSession(t.db, ev.id, { capacity: 3 });
		const first: RegistrationResult[] = [];
		for (let i = 0; i < 6; i++) first.push(await registerParticipant(ctxA, null, ev.slug, registrationInput({ sessionIds: [s] })));
		// Three seat holders cancel while ten more people register: the waiting list moves in order.
		await Promise.all([
			...first.slice(0, 3).map((r, i) => cancelRegistration(i % 2 ? ctxA : ctxB, { token: r.manageToken! }, r.id)),
			...Array.from({ length: 10 }, (_, i) =>
				registerParticipant(i % 2 ? ctxA : ctxB, null, ev.slug, registrationInput({ sessionIds: [s] }))
			)
		]);
		const seats = await t.db.selectFrom('registration_session').select(['registration_id', 'status']).where('session_id', '=', s).execute();
		expect(seats.filter((x) => x.status === 'confirmed').length).toBe(3);
		// The three who waited first hold the seats now.
		const confirmed = new Set(seats.filter((x) => x.status === 'confirmed').map((x) => x.registration_id));
		expect(first.slice(3).every((r) => confirmed.has(r.id))).toBe(true);
	});

	it.runIf(dialect === 'postgres')('test_without_the_lock_the_same_rush_overbooks', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		// The naive way: count, (work,) insert — at READ COMMITTED, nothing stops the others between.
		const naive = async (db: DbHandle['db'], n: number) =>
			db.transaction().execute(async (tx) => {
				const row = await tx
					.selectFrom('registration')
					.select((eb) => eb.fn.countAll<string>().as('n'))
					.where('event_id', '=', ev.id)
					.where('status', '=', 'confirmed')
					.executeTakeFirstOrThrow();
				await new Promise((r) => setTimeout(r, 5));
				if (Number(row.n) >= 5) return false;
				const now = new Date().toISOString();
				await tx
					.insertInto('registration')
					.values({
						id: crypto.randomUUID(),
						event_id: ev.id,
						status: 'confirmed',
						email: `naive.${n}@example.org`,
						first_name: 'N',
						last_name: 'N',
						structure_name: 'S',
						structure_type: 'autre',
						role: 'autre',
						insee_code: null,
						commune: null,
						departement: '87',
						manage_token_hash: crypto.randomUUID(),
						checkin_code: crypto.randomUUID().slice(0, 10),
						source: 'online',
						created_at: now,
						updated_at: now
					})
					.execute();
				return true;
			});
		await Promise.all(Array.from({ length: 20 }, (_, i) => naive(i % 2 ? t.db : second.db, i)));
		const rows = await t.db.selectFrom('registration').select('id').where('event_id', '=', ev.id).execute();
		expect(rows.length).toBeGreaterThan(5);
	});
});

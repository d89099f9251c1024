import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { cancelRegistration } from './registration-manage.service.ts';
import { updateRegistrationSettings } from './registration-settings.service.ts';
import { purgeExpiredRegistrations, queueDueReminders } from './reminders.service.ts';

// The event (factory) starts on 2027-06-10 at 09:00 Paris (07:00 UTC).
const J7 = new Date('2027-06-03T07:00:00Z');
const J1 = new Date('2027-06-09T07:00:00Z');

describe.each(DIALECTS)('reminders on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	const kinds = async (email: unknown) =>
		(
			await t.db
				.selectFrom('mail_message')
				.select(['kind', 'text_body'])
				.where('to_address', '=', String(email))
				.orderBy('created_at')
				.execute()
		).filter((m) => m.kind.startsWith('registration-reminder'));

	it('test_j7_and_j1_are_queued_once_each_with_the_organisers_text', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, {
			reminders: { j1: { text: 'Pensez à votre gourde : pas de gobelets jetables.' } }
		});
		const person = registrationInput();
		const cancelled = registrationInput();
		await registerParticipant(ctx, null, ev.slug, person);
		const c = await registerParticipant(ctx, null, ev.slug, cancelled);
		await cancelRegistration(ctx, { token: c.manageToken! }, c.id);

		expect(await queueDueReminders(ctx, new Date('2027-06-02T07:00:00Z'))).toEqual({ queued: 0 });
		await queueDueReminders(ctx, J7);
		await queueDueReminders(ctx, new Date(J7.getTime() + 3_600_000));
		expect((await kinds(person.email)).map((m) => m.kind)).toEqual(['registration-reminder-j7']);
		await queueDueReminders(ctx, J1);
		await queueDueReminders(ctx, J1);
		const sent = await kinds(person.email);
		expect(sent.map((m) => m.kind)).toEqual(['registration-reminder-j7', 'registration-reminder-j1']);
		expect(sent[1].text_body).toContain('Pensez à votre gourde');
		expect(sent[1].text_body).toMatch(/http:\/\/localhost:3000\/inscription\/mrg_/);
		expect(await kinds(cancelled.email)).toEqual([]);
		expect(await queueDueReminders(ctx, new Date('2027-06-10T08:00:00Z'))).toEqual({ queued: 0 });
	});

	it('test_reminder_lists_the_workshop_seat_and_the_sessions_open_to_all_of_the_day', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const workshop = await newSession(t.db, ev.id, { title: 'Atelier Pix', capacity: 10 });
		await newSession(t.db, ev.id, {
			title: 'Plénière d’ouverture',
			format: 'plenary',
			requiresRegistration: false,
			startsAt: '2027-06-10T07:00:00.000Z',
			endsAt: '2027-06-10T07:45:00.000Z'
		});
		const person = registrationInput({ sessionIds: [workshop] });
		await registerParticipant(ctx, null, ev.slug, person);
		await queueDueReminders(ctx, J7);
		const [reminder] = await kinds(person.email);
		expect(reminder.kind).toBe('registration-reminder-j7');
		expect(reminder.text_body).toContain('Atelier Pix');
		expect(reminder.text_body).toContain('Plénière d’ouverture');
		expect(reminder.text_body.indexOf('Plénière d’ouverture')).toBeLessThan(reminder.text_body.indexOf('Atelier Pix'));
	});

	it('test_no_reminder_when_turned_off_or_registered_after_its_time', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, { reminders: { j7: { enabled: false } } });
		const early = registrationInput();
		await registerParticipant(ctx, null, ev.slug, early);
		const late = registrationInput();
		await registerParticipant(ctx, null, ev.slug, late, { now: new Date('2027-06-08T07:00:00Z') });
		await queueDueReminders(ctx, J7);
		await queueDueReminders(ctx, J1);
		expect((await kinds(early.email)).map((m) => m.kind)).toEqual(['registration-reminder-j1']);
		// Registered at J−2: no J−7, but J−1 yes.
		expect((await kinds(late.email)).map((m) => m.kind)).toEqual(['registration-reminder-j1']);
	});

	it('test_registrations_of_events_ended_three_years_ago_are_erased', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const r = await registerParticipant(ctx, null, ev.slug, registrationInput());
		expect(await purgeExpiredRegistrations(t.db, new Date('2030-06-10T00:00:00Z'))).toBe(0);
		expect(await purgeExpiredRegistrations(t.db, new Date('2030-06-12T00:00:00Z'))).toBeGreaterThanOrEqual(1);
		expect(await t.db.selectFrom('registration').select('id').where('id', '=', r.id).execute()).toEqual([]);
	});
});

describe('registration jobs', () => {
	it('test_jobs_are_named_and_periodic', async () => {
		const { registrationJobs } = await import('./registration.jobs.ts');
		const t = await openTestDb('sqlite');
		try {
			let kicked = 0;
			const jobs = registrationJobs(t, 'http://localhost:3000', () => kicked++);
			expect(jobs.map((j) => [j.name, j.everyMs])).toEqual([
				['registration-reminders', 300_000],
				['registration-holds-expiry', 900_000],
				['registration-retention', 21_600_000]
			]);
			expect(await jobs[0].run(new Date('2027-06-03T07:00:00Z'))).toBe(0);
			expect(await jobs[1].run(new Date())).toBe(0);
			expect(await jobs[2].run(new Date())).toBe(0);
			expect(kicked).toBe(0);
		} finally {
			await t.close();
		}
	});
});

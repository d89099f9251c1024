import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newRoom, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../validation.ts';
import { getEvent } from '../events/event.service.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import {
	addQuestion,
	getRegistrationSettings,
	moveQuestion,
	removeQuestion,
	updateEventWithRegistration,
	updateRegistrationSettings,
	updateSessionRegistration
} from './registration-settings.service.ts';

async function issuesOf(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		if (e instanceof ValidationError) return e.issues.map((i) => `${i.field}:${i.message}`);
		throw e;
	}
	throw new Error('expected a ValidationError');
}

describe.each(DIALECTS)('registration settings on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	it('test_raising_the_event_capacity_confirms_the_first_waiting_and_emails_them', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 1, waitlistEnabled: true });
		await registerParticipant(ctx, null, ev.slug, registrationInput());
		const w1 = registrationInput();
		const w2 = registrationInput();
		const r1 = await registerParticipant(ctx, null, ev.slug, w1);
		const r2 = await registerParticipant(ctx, null, ev.slug, w2);
		expect([r1.status, r2.status]).toEqual(['waitlisted', 'waitlisted']);

		const res = await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 2 });

		expect(res.settings.capacity).toBe(2);
		const rows = await t.db.selectFrom('registration').select(['id', 'status']).where('id', 'in', [r1.id, r2.id]).execute();
		expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [r1.id]: 'confirmed', [r2.id]: 'waitlisted' });
		const mail = await t.db
			.selectFrom('mail_message')
			.select(['kind'])
			.where('to_address', '=', String(w1.email))
			.orderBy('created_at')
			.execute();
		expect(mail.map((m) => m.kind)).toEqual(['registration-confirmed', 'registration-promoted']);
		// Lowering it below the confirmed count unregisters nobody; it warns.
		const lowered = await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 1 });
		expect(lowered.warning).toEqual({ confirmed: 2 });
	});

	it('test_session_capacity_defaults_to_the_room_and_raising_it_promotes', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const room = await newRoom(t.db, ev.id, { capacity: 1 });
		const s = await newSession(t.db, ev.id, { roomId: room });
		await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [s] }));
		const waiting = await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [s] }));
		expect(waiting.sessions).toEqual([{ id: s, status: 'waitlisted' }]);

		const updated = await updateSessionRegistration(ctx, owner, s, { capacity: 2 });

		expect(updated).toEqual({ id: s, capacity: 2, effectiveCapacity: 2, requiresRegistration: true });
		const seat = await t.db
			.selectFrom('registration_session')
			.select('status')
			.where('registration_id', '=', waiting.id)
			.executeTakeFirstOrThrow();
		expect(seat.status).toBe('confirmed');
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).sessions.find((x) => x.id === s)).toMatchObject({
			confirmed: 2,
			waitlisted: 0,
			roomCapacity: 1
		});
		await expect(updateSessionRegistration(ctx, owner, s, { capacity: -3 })).rejects.toBeInstanceOf(ValidationError);
	});

	it('test_settings_are_for_the_team_and_validated', async () => {
		const owner = await newUser(t.db);
		const reader = await newUser(t.db);
		const stranger = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await t.db
			.insertInto('event_member')
			.values({ event_id: ev.id, user_id: reader.id, role: 'readonly', created_at: new Date().toISOString() })
			.execute();
		await expect(updateRegistrationSettings(ctx, stranger, ev.slug, { capacity: 3 })).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateRegistrationSettings(ctx, reader, ev.slug, { capacity: 3 })).rejects.toBeInstanceOf(ForbiddenError);
		expect(
			await issuesOf(
				updateRegistrationSettings(ctx, owner, ev.slug, {
					registrationOpensAt: '2027-05-02T09:00',
					registrationClosesAt: '2027-05-01T09:00'
				})
			)
		).toEqual(['registrationClosesAt:registration.errors.closesBeforeOpens']);
		expect(await issuesOf(updateRegistrationSettings(ctx, owner, ev.slug, { reminders: { j7: { text: '<script>x</script>' } } }))).toEqual([
			'reminders.j7.text:registration.errors.markup'
		]);
	});

	it('test_patch_of_event_and_registration_fields_is_all_or_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const res = await updateEventWithRegistration(ctx, owner, ev.slug, {
			title: 'Nouveau titre',
			capacity: 80,
			registrationClosesAt: '2027-06-01T18:00:00+02:00'
		});
		expect(res).toMatchObject({
			title: 'Nouveau titre',
			capacity: 80,
			registrationClosesAt: '2027-06-01T18:00:00+02:00',
			registrationOpensAt: null
		});
		expect(
			await issuesOf(updateEventWithRegistration(ctx, owner, ev.slug, { title: 'Encore', endsAt: '2020-01-01T00:00:00Z', capacity: 10 }))
		).toEqual(['endsAt:errors.endBeforeStart']);
		expect((await getEvent(ctx, owner, ev.slug)).title).toBe('Nouveau titre');
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).settings.capacity).toBe(80);
	});

	it('test_patch_of_event_and_registration_reports_every_problem_at_once_and_stores_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateEventWithRegistration(ctx, owner, ev.slug, { capacity: 50, registrationOpensAt: '2027-05-01T09:00:00+02:00' });
		const before = await getEvent(ctx, owner, ev.slug);
		const patch = (body: Record<string, unknown>) => issuesOf(updateEventWithRegistration(ctx, owner, ev.slug, body));

		const bothParts = await patch({ title: '', capacity: 80, registrationClosesAt: '2027-04-01T18:00:00+02:00' });
		const everything = await patch({
			title: '',
			endsAt: '2020-01-01T00:00:00Z',
			capacity: 0,
			registrationOpensAt: '2027-06-01T09:00:00+02:00',
			registrationClosesAt: '2027-05-15T18:00:00+02:00'
		});
		const badOpening = await patch({ title: '', registrationOpensAt: 'demain', registrationClosesAt: '2027-04-01T18:00:00+02:00' });

		expect(bothParts).toEqual(['title:errors.required', 'registrationClosesAt:registration.errors.closesBeforeOpens']);
		expect(everything).toEqual([
			'title:errors.required',
			'endsAt:errors.endBeforeStart',
			'capacity:errors.tooSmall',
			'registrationClosesAt:registration.errors.closesBeforeOpens'
		]);
		expect(badOpening).toEqual(['title:errors.required', 'registrationOpensAt:errors.dateTime']);
		expect(await getEvent(ctx, owner, ev.slug)).toMatchObject({ title: before.title, endsAt: before.endsAt });
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).settings).toMatchObject({
			capacity: 50,
			registrationOpensAt: '2027-05-01T07:00:00.000Z',
			registrationClosesAt: null
		});
	});

	it('test_organisers_questions_are_asked_checked_and_kept', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const train = await addQuestion(ctx, owner, ev.slug, { label: 'Venez-vous en train ?', kind: 'yesno', required: true });
		const themes = await addQuestion(ctx, owner, ev.slug, { label: 'Thèmes', kind: 'multiple', options: ['Inclusion', 'Communs'] });
		expect(await issuesOf(addQuestion(ctx, owner, ev.slug, { label: 'Choix', kind: 'single', options: ['Un seul'] }))).toEqual([
			'options:registration.errors.optionsNeeded'
		]);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput()))).toEqual([`answers.${train}:errors.required`]);
		expect(
			await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput({ answers: { [train]: true, [themes]: ['Autre'] } })))
		).toEqual([`answers.${themes}:errors.invalidChoice`]);
		const r = await registerParticipant(ctx, null, ev.slug, registrationInput({ answers: { [train]: false, [themes]: ['Communs'] } }));
		const answers = await t.db
			.selectFrom('registration_answer')
			.select(['question_id', 'value'])
			.where('registration_id', '=', r.id)
			.execute();
		expect(Object.fromEntries(answers.map((a) => [a.question_id, JSON.parse(a.value)]))).toEqual({ [train]: false, [themes]: ['Communs'] });

		await moveQuestion(ctx, owner, ev.slug, themes, 'up');
		expect((await getRegistrationSettings(ctx, owner, ev.slug)).questions.map((q) => q.id)).toEqual([themes, train]);
		await removeQuestion(ctx, owner, ev.slug, train);
		expect(await t.db.selectFrom('registration_answer').select('question_id').where('registration_id', '=', r.id).execute()).toEqual([
			{ question_id: themes }
		]);
	});
});

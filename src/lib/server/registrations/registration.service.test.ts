import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newRoom, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { ConflictError, NotFoundError, ValidationError } from '../validation.ts';
import { createEvent } from '../events/event.service.ts';
import { eventInput } from '../../../../tests/factories/index.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { cancelRegistration, changeSessions, eraseRegistration } from './registration-manage.service.ts';
import { exportOwnData, getOwnRegistration } from './registration-own.service.ts';
import { updateRegistrationSettings } from './registration-settings.service.ts';
import { renderQueuedMail } from '../mail/mail-renderer.ts';
import { registrationMailRenderers } from './registration-confirmation.ts';
import { translator } from '../../i18n/index.ts';

async function issuesOf(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		if (e instanceof ValidationError || e instanceof ConflictError) return e.issues.map((i) => `${i.field}:${i.message}`);
		throw e;
	}
	throw new Error('expected a ValidationError');
}

describe.each(DIALECTS)('registrations on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	/** The messages to `to`, once the outbox's renderer wrote those queued unwritten. */
	async function mails(to: string) {
		await renderQueuedMail(t.db, registrationMailRenderers(ctx.publicUrl));
		return t.db.selectFrom('mail_message').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
	}

	/** The VEVENTs of a queued mail's .ics attachment, parsed back: summary and STATUS, in order. */
	function calendarOf(mail: { attachments: string | null }) {
		const attachments = JSON.parse(mail.attachments!) as { filename: string; contentBase64: string }[];
		const ics = Buffer.from(attachments.find((a) => a.filename.endsWith('.ics'))!.contentBase64, 'base64').toString();
		return new ICAL.Component(ICAL.parse(ics))
			.getAllSubcomponents('vevent')
			.map((v) => ({ summary: String(v.getFirstPropertyValue('summary')), status: String(v.getFirstPropertyValue('status')) }));
	}

	/** Reserves a session to some roles, the way the programme stores its audience. */
	async function reserve(sessionId: string, audience: string[]) {
		await t.db
			.updateTable('session')
			.set({ audience: JSON.stringify(audience) })
			.where('id', '=', sessionId)
			.execute();
	}

	async function validationIssues(p: Promise<unknown>) {
		try {
			await p;
		} catch (e) {
			if (e instanceof ValidationError) return e.issues;
			throw e;
		}
		throw new Error('expected a ValidationError');
	}

	async function countRows(eventId: string) {
		const count = async (table: 'registration' | 'mail_message') =>
			Number(
				(
					await t.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll().as('n'))
						.where('event_id', '=', eventId)
						.executeTakeFirstOrThrow()
				).n
			);
		const seats = await t.db
			.selectFrom('registration_session')
			.innerJoin('registration', 'registration.id', 'registration_session.registration_id')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('registration.event_id', '=', eventId)
			.executeTakeFirstOrThrow();
		return { registrations: await count('registration'), seats: Number(seats.n), mails: await count('mail_message') };
	}

	it('test_registerParticipant_valid_input_is_confirmed_with_its_confirmation_queued', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const room = await newRoom(t.db, ev.id, { name: 'Espace 1', capacity: 30 });
		const atelier = await newSession(t.db, ev.id, { title: 'Atelier médiation', roomId: room });
		const input = registrationInput({ sessionIds: [atelier], consents: { terms: true, newsletter: true, photos: false } });

		const res = await registerParticipant(ctx, null, ev.slug, input);

		expect(res).toMatchObject({ status: 'confirmed', created: true, sessions: [{ id: atelier, status: 'confirmed' }] });
		expect(res.manageToken).toMatch(/^mrg_/);
		const row = await t.db.selectFrom('registration').selectAll().where('id', '=', res.id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ commune: 'Limoges', departement: '87', consent_newsletter: 1, consent_photos: 0, source: 'online' });
		expect(JSON.parse(row.half_days)).toEqual(['2027-06-10:am', '2027-06-10:pm', '2027-06-11:am', '2027-06-11:pm']);
		const [mail] = await mails(String(input.email));
		expect(mail.kind).toBe('registration-confirmed');
		expect(mail.subject).toContain(ev.title);
		expect(mail.text_body).toContain('Atelier médiation');
		expect(mail.text_body).toContain(`http://localhost:3000/inscription/${res.manageToken}`);
		const attachments = JSON.parse(mail.attachments!) as { filename: string; contentType: string; contentBase64: string }[];
		expect(attachments.map((a) => a.contentType.split(';')[0])).toEqual(['text/calendar', 'image/png']);
		const ics = Buffer.from(attachments[0].contentBase64, 'base64').toString();
		expect(ics).toContain('BEGIN:VEVENT');
		expect(ics).toContain('SUMMARY:Atelier médiation');
	});

	it('test_registerParticipant_twice_same_email_changes_nothing_and_returns_same_registration', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const input = registrationInput();
		const first = await registerParticipant(ctx, null, ev.slug, input);
		const second = await registerParticipant(ctx, null, ev.slug, {
			...input,
			email: String(input.email).toUpperCase(),
			firstName: 'Autre'
		});
		expect(second).toMatchObject({ id: first.id, status: first.status, created: false, manageToken: null, linkResent: true });
		const rows = await t.db.selectFrom('registration').select(['first_name']).where('event_id', '=', ev.id).execute();
		expect(rows).toEqual([{ first_name: 'Awa' }]);
		const kinds = (await mails(String(input.email))).map((m) => m.kind);
		expect(kinds).toEqual(['registration-confirmed', 'registration-link']);
		// A third try within 10 minutes sends nothing more.
		await registerParticipant(ctx, null, ev.slug, input);
		expect((await mails(String(input.email))).length).toBe(2);
	});

	it('test_registerParticipant_bad_input_lists_french_keys_and_stores_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const a = await newSession(t.db, ev.id, { title: 'A', startsAt: '2027-06-10T08:00:00Z', endsAt: '2027-06-10T09:30:00Z' });
		const b = await newSession(t.db, ev.id, { title: 'B', startsAt: '2027-06-10T09:00:00Z', endsAt: '2027-06-10T10:00:00Z' });
		const issues = await issuesOf(
			registerParticipant(
				ctx,
				null,
				ev.slug,
				registrationInput({
					email: 'pas-une-adresse',
					firstName: '<script>alert(1)</script>',
					lastName: 'x'.repeat(1_000_000),
					consents: { terms: false }
				})
			)
		);
		expect(issues).toEqual(
			expect.arrayContaining([
				'email:errors.email',
				'firstName:registration.errors.markup',
				'lastName:errors.tooLong',
				'consents.terms:registration.errors.termsRequired'
			])
		);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [a, b] })))).toEqual([
			'sessionIds:registration.errors.sessionOverlap'
		]);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: ['nope'] })))).toEqual([
			'sessionIds:registration.errors.unknownSession'
		]);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput({ consents: { newsletter: true } })))).toEqual([
			'consents.terms:registration.errors.termsRequired'
		]);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput({ accessibility: { needs: ['mobility'] } })))).toEqual([
			'consents.sensitive:registration.errors.sensitiveConsent'
		]);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput({ inseeCode: '23096', departement: '87' })))).toEqual([
			'inseeCode:registration.errors.communeNotInDepartement'
		]);
		const n = await t.db
			.selectFrom('registration')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('event_id', '=', ev.id)
			.executeTakeFirstOrThrow();
		expect(Number(n.n)).toBe(0);
		expect(await t.db.selectFrom('mail_message').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
	});

	it('test_registerParticipant_accepts_french_labels_for_structure_type_and_role', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const res = await registerParticipant(
			ctx,
			null,
			ev.slug,
			registrationInput({ structure: { name: 'Fab', type: 'Tiers-lieu ou fablab' }, role: 'Élu·e' })
		);
		const row = await t.db.selectFrom('registration').selectAll().where('id', '=', res.id).executeTakeFirstOrThrow();
		expect([row.structure_type, row.role]).toEqual(['tiers-lieu', 'elu']);
	});

	it('test_registerParticipant_window_and_capacity_give_conflicts', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 1, registrationOpensAt: '2027-01-01T09:00:00+01:00' });
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput(), { now: new Date('2026-12-01T00:00:00Z') }))).toEqual(
			['_:registration.errors.notYetOpen']
		);
		const now = new Date('2027-02-01T00:00:00Z');
		await registerParticipant(ctx, null, ev.slug, registrationInput(), { now });
		await expect(registerParticipant(ctx, null, ev.slug, registrationInput(), { now })).rejects.toBeInstanceOf(ConflictError);
		expect(await issuesOf(registerParticipant(ctx, null, ev.slug, registrationInput(), { now: new Date('2027-06-12T00:00:00Z') }))).toEqual(
			['_:registration.errors.closed']
		);
		// A draft is not revealed to the public.
		const draft = await createEvent(ctx, owner, eventInput());
		await expect(registerParticipant(ctx, null, draft.slug, registrationInput())).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_event_waitlist_when_enabled_and_cancellation_promotes_first_waiting', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 1, waitlistEnabled: true });
		const a = await registerParticipant(ctx, null, ev.slug, registrationInput());
		const bInput = registrationInput();
		const b = await registerParticipant(ctx, null, ev.slug, bInput);
		const c = await registerParticipant(ctx, null, ev.slug, registrationInput());
		expect([a.status, b.status, c.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);

		await cancelRegistration(ctx, { token: a.manageToken! }, a.id);

		const statuses = await t.db.selectFrom('registration').select(['id', 'status']).where('event_id', '=', ev.id).execute();
		expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
			[a.id]: 'cancelled',
			[b.id]: 'confirmed',
			[c.id]: 'waitlisted'
		});
		const kinds = (await mails(String(bInput.email))).map((m) => m.kind);
		expect(kinds).toEqual(['registration-confirmed', 'registration-promoted']);
	});

	it('test_full_session_waitlists_and_cancellation_promotes_and_emails', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const room = await newRoom(t.db, ev.id, { capacity: 2 });
		const s = await newSession(t.db, ev.id, { roomId: room, title: 'Atelier plein' });
		const people = [registrationInput({ sessionIds: [s] }), registrationInput({ sessionIds: [s] }), registrationInput({ sessionIds: [s] })];
		const [r1, r2, r3] = [
			await registerParticipant(ctx, null, ev.slug, people[0]),
			await registerParticipant(ctx, null, ev.slug, people[1]),
			await registerParticipant(ctx, null, ev.slug, people[2])
		];
		expect([r1, r2, r3].map((r) => [r.status, r.sessions[0].status])).toEqual([
			['confirmed', 'confirmed'],
			['confirmed', 'confirmed'],
			['confirmed', 'waitlisted']
		]);
		const own = await getOwnRegistration(ctx, r3.manageToken!);
		expect(own.registration.seats).toMatchObject([{ title: 'Atelier plein', status: 'waitlisted', position: 1 }]);

		// Through another event's pages, the registration is not found and stays as it was.
		const other = await newPublishedEvent(t.db, owner);
		await expect(cancelRegistration(ctx, { actor: owner }, r1.id, { eventSlug: other.slug })).rejects.toBeInstanceOf(NotFoundError);
		await expect(eraseRegistration(ctx, { actor: owner }, r1.id, { eventSlug: other.slug })).rejects.toBeInstanceOf(NotFoundError);
		expect((await getOwnRegistration(ctx, r1.manageToken!)).registration.status).toBe('confirmed');

		await cancelRegistration(ctx, { actor: owner }, r1.id, { eventSlug: ev.slug });

		const seat = await t.db
			.selectFrom('registration_session')
			.select('status')
			.where('registration_id', '=', r3.id)
			.executeTakeFirstOrThrow();
		expect(seat.status).toBe('confirmed');
		const mail = (await mails(String(people[2].email))).at(-1)!;
		expect(mail.kind).toBe('registration-promoted');
		expect(mail.subject).toContain('Atelier plein');
		expect((await mails(String(people[0].email))).at(-1)!.kind).toBe('registration-cancelled');
	});

	it('test_changeSessions_moves_a_seat_and_gives_the_freed_one_to_the_waiting', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const a = await newSession(t.db, ev.id, { title: 'A', capacity: 1 });
		const b = await newSession(t.db, ev.id, { title: 'B', capacity: 5 });
		const first = await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [a] }));
		const second = await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [a] }));
		expect(second.sessions).toEqual([{ id: a, status: 'waitlisted' }]);

		const changed = await changeSessions(ctx, { token: first.manageToken! }, null, { sessionIds: [b] });

		expect(changed.sessions).toEqual([{ id: b, status: 'confirmed' }]);
		const seats = await t.db
			.selectFrom('registration_session')
			.select(['registration_id', 'session_id', 'status'])
			.where('session_id', 'in', [a, b])
			.execute();
		expect(seats.sort((x, y) => x.session_id.localeCompare(y.session_id))).toEqual(
			[
				{ registration_id: second.id, session_id: a, status: 'confirmed' },
				{ registration_id: first.id, session_id: b, status: 'confirmed' }
			].sort((x, y) => x.session_id.localeCompare(y.session_id))
		);
		await expect(changeSessions(ctx, { token: 'mrg_' + 'x'.repeat(32) }, null, { sessionIds: [] })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_registerParticipant_session_reserved_to_other_roles_is_refused_by_every_source_and_stores_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const off = await newSession(t.db, ev.id, { title: 'Temps OFF' });
		await reserve(off, ['coordinateur']);
		const elu = (more: Record<string, unknown> = {}) => registrationInput({ role: 'elu', sessionIds: [off], ...more });

		const online = await validationIssues(registerParticipant(ctx, null, ev.slug, elu()));
		// A role given by its label, as API clients and imports may send it.
		const labelled = await validationIssues(registerParticipant(ctx, null, ev.slug, elu({ role: 'Élu·e' })));
		const organiser = await validationIssues(registerParticipant(ctx, owner, ev.slug, elu(), { source: 'organiser' }));
		const imported = await validationIssues(registerParticipant(ctx, owner, ev.slug, elu(), { source: 'import' }));
		const walkIn = await validationIssues(registerParticipant(ctx, owner, ev.slug, elu({ email: '' }), { source: 'walk-in' }));

		for (const issues of [online, labelled, organiser, imported, walkIn])
			expect(issues.map((i) => `${i.field}:${i.message}`)).toEqual(['sessionIds:registration.errors.sessionReserved']);
		expect(translator('fr')(online[0].message, online[0].params)).toBe(
			'« Temps OFF » est réservé aux coordinateur·rices : choisissez un autre atelier, ou corrigez le rôle indiqué s’il est inexact.'
		);
		expect(translator('en')(online[0].message, online[0].params)).toBe(
			'“Temps OFF” is reserved for coordinators: choose another workshop, or correct the role given if it is wrong.'
		);
		expect(await countRows(ev.id)).toEqual({ registrations: 0, seats: 0, mails: 0 });
	});

	it('test_registerParticipant_session_reserved_to_the_role_accepts_it_and_open_sessions_accept_every_role', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const off = await newSession(t.db, ev.id, { title: 'Temps OFF' });
		const open = await newSession(t.db, ev.id, { startsAt: '2027-06-10T12:00:00Z', endsAt: '2027-06-10T13:30:00Z' });
		await reserve(off, ['coordinateur', 'elu']);

		const coordinator = await registerParticipant(ctx, null, ev.slug, registrationInput({ role: 'coordinateur', sessionIds: [off, open] }));
		const elected = await registerParticipant(ctx, owner, ev.slug, registrationInput({ role: 'elu', sessionIds: [off] }), {
			source: 'organiser'
		});
		const volunteer = await registerParticipant(ctx, null, ev.slug, registrationInput({ role: 'benevole', sessionIds: [open] }));

		expect(coordinator.sessions.map((x) => `${x.id}:${x.status}`).sort()).toEqual([`${off}:confirmed`, `${open}:confirmed`].sort());
		expect(elected.sessions).toEqual([{ id: off, status: 'confirmed' }]);
		expect(volunteer.sessions).toEqual([{ id: open, status: 'confirmed' }]);
		expect(await countRows(ev.id)).toMatchObject({ registrations: 3, seats: 4 });
	});

	it('test_changeSessions_to_a_session_reserved_to_other_roles_is_refused_and_changes_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const a = await newSession(t.db, ev.id, { title: 'A' });
		const off = await newSession(t.db, ev.id, { title: 'Temps OFF' });
		await reserve(off, ['coordinateur']);
		const me = await registerParticipant(ctx, null, ev.slug, registrationInput({ role: 'mediateur-numerique', sessionIds: [a] }));
		const before = await countRows(ev.id);

		const byToken = await validationIssues(changeSessions(ctx, { token: me.manageToken! }, null, { sessionIds: [off] }));
		const byOrganiser = await validationIssues(changeSessions(ctx, { actor: owner }, me.id, { sessionIds: [off] }));

		for (const issues of [byToken, byOrganiser])
			expect(issues.map((i) => `${i.field}:${i.message}`)).toEqual(['sessionIds:registration.errors.sessionReserved']);
		const seats = await t.db
			.selectFrom('registration_session')
			.select(['session_id', 'status'])
			.where('registration_id', '=', me.id)
			.execute();
		expect(seats).toEqual([{ session_id: a, status: 'confirmed' }]);
		expect(await countRows(ev.id)).toEqual(before);
	});

	it('test_changeSessions_keeps_a_seat_held_before_its_session_was_reserved', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const morning = await newSession(t.db, ev.id, { title: 'Matin' });
		const b = await newSession(t.db, ev.id, { title: 'B', startsAt: '2027-06-10T12:00:00Z', endsAt: '2027-06-10T13:30:00Z' });
		const c = await newSession(t.db, ev.id, { title: 'C', startsAt: '2027-06-10T12:00:00Z', endsAt: '2027-06-10T13:30:00Z' });
		const me = await registerParticipant(ctx, null, ev.slug, registrationInput({ role: 'agent', sessionIds: [morning, b] }));
		await reserve(morning, ['coordinateur']);

		const changed = await changeSessions(ctx, { token: me.manageToken! }, null, { sessionIds: [morning, c] });

		expect(changed.sessions.map((s) => s.id).sort()).toEqual([morning, c].sort());
	});

	it('test_registerParticipant_queues_its_confirmation_unwritten_and_the_renderer_writes_it_from_the_registration', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const s = await newSession(t.db, ev.id, { title: 'Atelier Pix', capacity: 1 });
		const first = registrationInput({ sessionIds: [s] });
		const second = registrationInput({ sessionIds: [s] });
		const a = await registerParticipant(ctx, null, ev.slug, first);
		const b = await registerParticipant(ctx, null, ev.slug, second);

		// In the registrations' transactions: each confirmation's row, with its subject, not its body.
		const queued = await t.db.selectFrom('mail_message').selectAll().where('event_id', '=', ev.id).orderBy('created_at').execute();
		expect(queued.map((m) => [m.to_address, m.status, m.text_body])).toEqual([
			[first.email, 'preparing', ''],
			[second.email, 'preparing', '']
		]);
		expect(queued[0].subject).toContain(ev.title);

		// B gives up before the renderer runs: nothing is sent to B; A's is written as A now is.
		await cancelRegistration(ctx, { token: b.manageToken! }, b.id);
		await renderQueuedMail(t.db, registrationMailRenderers(ctx.publicUrl));
		const [mailA] = await mails(String(first.email));
		expect(mailA).toMatchObject({ status: 'pending', render_from: null });
		expect(mailA.text_body).toContain('Atelier Pix');
		expect(mailA.text_body).toContain(`http://localhost:3000/inscription/${a.manageToken}`);
		const forB = (await mails(String(second.email))).find((m) => m.kind === 'registration-confirmed');
		expect(forB).toMatchObject({ status: 'failed', last_error: 'the registration was cancelled before its confirmation was written' });
	});

	it('test_exportOwnData_and_erase_remove_everything_and_are_audited', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const s = await newSession(t.db, ev.id, { capacity: 1 });
		const input = registrationInput({ sessionIds: [s] });
		const me = await registerParticipant(ctx, null, ev.slug, input);
		const next = await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [s] }));

		const data = await exportOwnData(ctx, me.manageToken!);
		expect(data).toMatchObject({ registration: { email: input.email, firstName: 'Awa' } });

		await eraseRegistration(ctx, { token: me.manageToken! }, null);

		expect(await t.db.selectFrom('registration').select('id').where('id', '=', me.id).execute()).toEqual([]);
		expect((await mails(String(input.email))).length).toBe(0);
		await expect(getOwnRegistration(ctx, me.manageToken!)).rejects.toBeInstanceOf(NotFoundError);
		const seat = await t.db
			.selectFrom('registration_session')
			.select('status')
			.where('registration_id', '=', next.id)
			.executeTakeFirstOrThrow();
		expect(seat.status).toBe('confirmed');
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'subject', 'actor_id'])
			.where('event_id', '=', ev.id)
			.orderBy('at')
			.execute();
		expect(audit).toEqual([
			{ action: 'registration.data-download', subject: me.id, actor_id: null },
			{ action: 'registration.erased', subject: me.id, actor_id: null }
		]);
	});

	it('test_registerParticipant_waitlisted_person_gets_a_tentative_calendar_and_is_told_so', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await newSession(t.db, ev.id, {
			title: 'Plénière d’ouverture',
			format: 'plenary',
			requiresRegistration: false,
			startsAt: '2027-06-10T07:00:00Z',
			endsAt: '2027-06-10T07:45:00Z'
		});
		const atelier = await newSession(t.db, ev.id, { title: 'Atelier communs', capacity: 5 });
		await updateRegistrationSettings(ctx, owner, ev.slug, { capacity: 1, waitlistEnabled: true });
		const first = await registerParticipant(ctx, null, ev.slug, registrationInput({ sessionIds: [atelier] }));
		const waitingInput = registrationInput({ sessionIds: [atelier] });

		const waiting = await registerParticipant(ctx, null, ev.slug, waitingInput);

		expect(waiting).toMatchObject({ status: 'waitlisted', sessions: [{ id: atelier, status: 'waitlisted' }] });
		const [mail] = await mails(String(waitingInput.email));
		const tr = translator('fr');
		expect(mail.text_body).toContain(tr('registration.mail.confirm.waitlisted', { event: ev.title }));
		expect(mail.text_body).toContain(tr('registration.mail.icsWaitlisted'));
		// No QR code nor check-in instructions while the place is not theirs.
		expect(mail.text_body).not.toContain('QR');
		expect((JSON.parse(mail.attachments!) as { filename: string }[]).map((a) => a.filename)).toEqual([`${ev.slug}.ics`]);
		// The event and the plenary of the person's programme are tentative; the workshop they wait
		// for is left out of the calendar until a seat is theirs.
		expect(calendarOf(mail)).toEqual([
			{ summary: ev.title, status: 'TENTATIVE' },
			{ summary: `Plénière d’ouverture – ${ev.title}`, status: 'TENTATIVE' }
		]);

		await cancelRegistration(ctx, { actor: owner }, first.id);

		const promoted = (await mails(String(waitingInput.email))).at(-1)!;
		expect(promoted.kind).toBe('registration-promoted');
		expect(promoted.text_body).toContain('Plénière d’ouverture');
		expect((JSON.parse(promoted.attachments!) as { filename: string }[]).map((a) => a.filename)).toContain('qr-code-accueil.png');
		expect(calendarOf(promoted)).toEqual([
			{ summary: ev.title, status: 'CONFIRMED' },
			{ summary: `Plénière d’ouverture – ${ev.title}`, status: 'CONFIRMED' },
			{ summary: `Atelier communs – ${ev.title}`, status: 'CONFIRMED' }
		]);
	});

	it('test_registerParticipant_confirmation_lists_the_sessions_open_to_all_of_the_attended_half_days_in_time_order', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const open = (title: string, format: string, startsAt: string, endsAt: string) =>
			newSession(t.db, ev.id, { title, format, startsAt, endsAt, requiresRegistration: false });
		// First morning (attended): a plenary, the chosen workshop, a break; a plenary for élu·es only.
		await open('Plénière d’ouverture', 'plenary', '2027-06-10T07:00:00Z', '2027-06-10T07:45:00Z');
		const atelier = await newSession(t.db, ev.id, {
			title: 'Atelier médiation',
			startsAt: '2027-06-10T08:00:00Z',
			endsAt: '2027-06-10T09:30:00Z'
		});
		await open('Pause café', 'break', '2027-06-10T09:30:00Z', '2027-06-10T10:00:00Z');
		await reserve(await open('Temps des élu·es', 'round-table', '2027-06-10T08:00:00Z', '2027-06-10T09:00:00Z'), ['elu']);
		// Second afternoon (not attended).
		await open('Plénière de clôture', 'plenary', '2027-06-11T13:00:00Z', '2027-06-11T14:00:00Z');
		const input = registrationInput({ halfDays: ['2027-06-10:am'], sessionIds: [atelier] });

		await registerParticipant(ctx, null, ev.slug, input);

		const [mail] = await mails(String(input.email));
		const tr = translator('fr');
		const lines = mail.text_body.split('\n').filter((l) => l.startsWith('• '));
		expect(lines.map((l) => l.replace(/^• [^–]+– /, ''))).toEqual([
			'Plénière d’ouverture',
			`Atelier médiation : ${tr('registration.mail.seat.confirmed')}`,
			'Pause café'
		]);
		expect(mail.text_body).not.toContain('Plénière de clôture');
		expect(mail.text_body).not.toContain('Temps des élu·es');
		expect(calendarOf(mail)).toEqual([
			{ summary: ev.title, status: 'CONFIRMED' },
			{ summary: `Plénière d’ouverture – ${ev.title}`, status: 'CONFIRMED' },
			{ summary: `Atelier médiation – ${ev.title}`, status: 'CONFIRMED' },
			{ summary: `Pause café – ${ev.title}`, status: 'CONFIRMED' }
		]);
	});
});

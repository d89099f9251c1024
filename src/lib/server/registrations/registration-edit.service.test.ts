import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newPublishedEvent, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { renderQueuedMail } from '../mail/mail-renderer.ts';
import { registrationMailRenderers } from './registration-confirmation.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { eraseRegistration } from './registration-manage.service.ts';
import { editOwnNeeds, editRegistration } from './registration-edit.service.ts';

describe.each(DIALECTS)('editing a registration on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	async function mails(to: string) {
		await renderQueuedMail(t.db, registrationMailRenderers(ctx.publicUrl));
		return t.db.selectFrom('mail_message').selectAll().where('to_address', '=', to).orderBy('created_at').execute();
	}
	const seatsOf = (id: string) =>
		t.db
			.selectFrom('registration_session')
			.select(['session_id', 'status'])
			.where('registration_id', '=', id)
			.orderBy('session_id')
			.execute();

	it('test_organiser_edit_moves_a_workshop_respecting_capacity_and_mails_what_changed', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const small = await newSession(t.db, ev.id, { capacity: 1, title: 'Atelier complet' });
		const other = await newSession(t.db, ev.id, { startsAt: '2027-06-10T12:00:00.000Z', endsAt: '2027-06-10T13:30:00.000Z' });
		const first = registrationInput({ sessionIds: [small] });
		const a = await registerParticipant(ctx, null, ev.slug, first);
		const bInput = registrationInput({ sessionIds: [other] });
		const b = await registerParticipant(ctx, null, ev.slug, bInput);

		// B asks for the full workshop too: queued, not given.
		const toB = await editRegistration(ctx, owner, b.id, { ...bInput, sessionIds: [other, small], lastName: 'Diallo-Sow' });
		expect(toB.changed).toEqual(['name', 'sessions']);
		expect(toB.sessions.find((s) => s.id === small)?.status).toBe('waitlisted');
		// A gives the seat up and changes address: B gets it.
		const newEmail = `nouvelle.${dialect}@exemple.fr`;
		const toA = await editRegistration(ctx, owner, a.id, { ...first, email: newEmail, sessionIds: [] });
		expect(toA.changed).toEqual(['email', 'sessions']);
		expect(await seatsOf(b.id)).toEqual(
			[
				{ session_id: other, status: 'confirmed' },
				{ session_id: small, status: 'confirmed' }
			].sort((x, y) => x.session_id.localeCompare(y.session_id))
		);
		const edited = (await mails(newEmail)).at(-1)!;
		expect(edited.kind).toBe('registration-edited');
		expect(edited.text_body).toContain('adresse e-mail');
		expect(edited.text_body).toContain('ateliers');
		expect((await mails(String(bInput.email))).map((m) => m.kind)).toContain('registration-promoted');
	});

	it('test_organiser_edit_refuses_an_address_taken_and_a_missing_territory_at_once_and_changes_nothing', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const one = registrationInput();
		const two = registrationInput();
		const a = await registerParticipant(ctx, null, ev.slug, one);
		await registerParticipant(ctx, null, ev.slug, two);
		expect(await issuesOf(editRegistration(ctx, owner, a.id, { ...one, email: two.email }))).toEqual([
			'email:registrationEdit.errors.emailTaken'
		]);
		const issues = await issuesOf(editRegistration(ctx, owner, a.id, { ...one, firstName: '', inseeCode: undefined }));
		expect(issues).toEqual(expect.arrayContaining(['firstName:errors.required', 'departement:registration.errors.territoryRequired']));
		const row = await t.db.selectFrom('registration').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
		expect([row.first_name, row.email]).toEqual([one.firstName, one.email]);
		// Nothing changed: no e-mail.
		const same = await editRegistration(ctx, owner, a.id, one);
		expect(same.changed).toEqual([]);
		expect((await mails(String(one.email))).map((m) => m.kind)).toEqual(['registration-confirmed']);
		await expect(editRegistration(ctx, await newUser(t.db), a.id, one)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_registration_with_a_bad_field_and_no_territory_reports_both_on_the_first_submit', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const issues = await issuesOf(
			registerParticipant(ctx, null, ev.slug, registrationInput({ email: 'pas-une-adresse', inseeCode: undefined }))
		);
		expect(issues).toEqual(['email:errors.email', 'departement:registration.errors.territoryRequired']);
	});

	it('test_person_changes_half_days_lunch_and_needs_from_the_private_link_until_the_event', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const input = registrationInput();
		const r = await registerParticipant(ctx, null, ev.slug, input);
		const token = r.manageToken!;
		const before = new Date('2027-01-10T10:00:00Z');
		expect(
			await issuesOf(editOwnNeeds(ctx, token, { halfDays: ['2027-06-10:am'], accessibility: { needs: ['mobility'] } }, before))
		).toEqual(['consents.sensitive:registration.errors.sensitiveConsent']);
		const res = await editOwnNeeds(
			ctx,
			token,
			{ halfDays: ['2027-06-10:am'], meal: true, accessibility: { needs: ['mobility'] }, consents: { sensitive: true } },
			before
		);
		expect(res.changed).toEqual(['halfDays', 'needs', 'meal', 'consents']);
		const row = await t.db.selectFrom('registration').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
		expect([row.half_days, Number(row.meal), row.accessibility]).toEqual(['["2027-06-10:am"]', 1, '["mobility"]']);
		const mail = (await mails(String(input.email))).at(-1)!;
		expect(mail.kind).toBe('registration-edited');
		expect(mail.text_body).toContain(`/inscription/${token}`);
		await expect(editOwnNeeds(ctx, token, { halfDays: ['2027-06-10:am'] }, new Date('2027-06-10T10:00:00Z'))).rejects.toBeInstanceOf(
			ConflictError
		);
		await expect(editOwnNeeds(ctx, 'mrg_' + 'x'.repeat(32), { halfDays: [] }, before)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_edit_and_erase_named_under_another_event_or_by_others_change_nothing', async () => {
		const owner = await newUser(t.db);
		const reader = await newUser(t.db);
		const stranger = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const mine = await newPublishedEvent(t.db, owner);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		const input = registrationInput();
		const r = await registerParticipant(ctx, null, ev.slug, input);
		const renamed = { ...input, lastName: 'Autre-Nom' };
		await expect(editRegistration(ctx, owner, r.id, renamed, { eventSlug: mine.slug })).rejects.toThrow(NotFoundError);
		await expect(editRegistration(ctx, stranger, r.id, renamed, { eventSlug: ev.slug })).rejects.toThrow(NotFoundError);
		await expect(editRegistration(ctx, reader, r.id, renamed, { eventSlug: ev.slug })).rejects.toThrow(ForbiddenError);
		await expect(eraseRegistration(ctx, { actor: owner }, r.id, { eventSlug: mine.slug })).rejects.toThrow(NotFoundError);
		await expect(eraseRegistration(ctx, { actor: reader }, r.id, { eventSlug: ev.slug })).rejects.toThrow(ForbiddenError);
		const row = () => t.db.selectFrom('registration').select('last_name').where('id', '=', r.id).executeTakeFirst();
		expect((await row())?.last_name).toBe(input.lastName);
		expect((await editRegistration(ctx, owner, r.id, renamed, { eventSlug: ev.slug, notify: false })).changed).toEqual(['name']);
		await eraseRegistration(ctx, { actor: owner }, r.id, { eventSlug: ev.slug });
		expect(await row()).toBeUndefined();
	});
});

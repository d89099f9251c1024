import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { renderQueuedMail } from '../mail/mail-renderer.ts';
import { registrationMailRenderers } from './registration-confirmation.ts';
import { registerParticipant, type RegistrationContext } from './registration.service.ts';
import { cancelRegistration } from './registration-manage.service.ts';
import { getOwnRegistration } from './registration-own.service.ts';
import { editRegistration } from './registration-edit.service.ts';
import { getRegistrationHistory, resendConfirmation } from './registration-history.service.ts';

describe.each(DIALECTS)('a registration history on %s', (dialect) => {
	let t: TestDb;
	let ctx: RegistrationContext;
	beforeAll(async () => {
		t = await openTestDb(dialect);
		ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
	});
	afterAll(() => t.close());

	it('test_history_lists_the_messages_and_the_changes_and_resend_sends_a_new_working_link', async () => {
		const owner = await newUser(t.db, { email: `orga.${dialect}@exemple.fr` });
		const ev = await newPublishedEvent(t.db, owner);
		const input = registrationInput();
		const r = await registerParticipant(ctx, null, ev.slug, input);
		await renderQueuedMail(t.db, registrationMailRenderers(ctx.publicUrl));

		let h = await getRegistrationHistory(ctx, owner, r.id);
		expect(h.messages.map((m) => [m.kind, m.status])).toEqual([['registration-confirmed', 'pending']]);
		expect(h.changes).toEqual([]);

		await editRegistration(ctx, owner, r.id, { ...input, lastName: 'Diallo-Sow', meal: !input.meal });
		const resent = await resendConfirmation(ctx, owner, r.id);
		expect(resent.to).toBe(String(input.email).toLowerCase());
		await renderQueuedMail(t.db, registrationMailRenderers(ctx.publicUrl));

		h = await getRegistrationHistory(ctx, owner, r.id);
		expect(h.messages.map((m) => m.kind)).toEqual(['registration-confirmed', 'registration-edited', 'registration-confirmed']);
		expect(h.changes.map((c) => [c.action, c.by, c.parts])).toEqual([
			['registration.confirmation-resent', `orga.${dialect}@exemple.fr`, []],
			['registration.edited', `orga.${dialect}@exemple.fr`, ['name', 'meal']]
		]);
		// The message sent again carries a new private link that opens the registration; the values
		// changed are nowhere in the audit log.
		const last = await t.db
			.selectFrom('mail_message')
			.select('text_body')
			.where('to_address', '=', resent.to)
			.where('kind', '=', 'registration-confirmed')
			.orderBy('created_at', 'desc')
			.executeTakeFirstOrThrow();
		const token = /\/inscription\/([A-Za-z0-9_-]{20,})/.exec(last.text_body)?.[1];
		expect(token).toBeTruthy();
		expect(token).not.toBe(r.manageToken);
		expect((await getOwnRegistration(ctx, token!)).registration.lastName).toBe('Diallo-Sow');
		expect((await getOwnRegistration(ctx, r.manageToken!)).registration.lastName).toBe('Diallo-Sow');
		const audit = await t.db.selectFrom('audit_log').select('details').where('subject', '=', r.id).execute();
		expect(JSON.stringify(audit)).not.toContain('Diallo-Sow');
	});

	it('test_history_and_resend_are_for_the_team_only_and_refused_once_cancelled', async () => {
		const owner = await newUser(t.db);
		const reader = await newUser(t.db);
		const stranger = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await addTeamMember(t.db, ev.id, reader!.id, 'readonly');
		const r = await registerParticipant(ctx, null, ev.slug, registrationInput());
		await expect(getRegistrationHistory(ctx, stranger, r.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(resendConfirmation(ctx, stranger, r.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getRegistrationHistory(ctx, reader, r.id)).messages).toHaveLength(1);
		await expect(resendConfirmation(ctx, reader, r.id)).rejects.toBeInstanceOf(ForbiddenError);
		await cancelRegistration(ctx, { actor: owner }, r.id);
		await expect(resendConfirmation(ctx, owner, r.id)).rejects.toBeInstanceOf(ConflictError);
	});

	it('test_history_and_resend_named_under_another_event_are_not_found_there', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const mine = await newPublishedEvent(t.db, owner);
		const r = await registerParticipant(ctx, null, ev.slug, registrationInput());
		const sent = () => t.db.selectFrom('mail_message').select('id').where('kind', '=', 'registration-confirmed').execute();
		const before = (await sent()).length;
		// Both events are the caller's own: the registration is still not found under the other's address.
		await expect(getRegistrationHistory(ctx, owner, r.id, { eventSlug: mine.slug })).rejects.toBeInstanceOf(NotFoundError);
		await expect(resendConfirmation(ctx, owner, r.id, { eventSlug: mine.slug })).rejects.toBeInstanceOf(NotFoundError);
		expect(await sent()).toHaveLength(before);
		expect((await getRegistrationHistory(ctx, owner, r.id, { eventSlug: ev.slug })).messages).toHaveLength(1);
		expect(await resendConfirmation(ctx, owner, r.id, { eventSlug: ev.slug })).toEqual({ to: expect.any(String) });
		expect(await sent()).toHaveLength(before + 1);
	});
});

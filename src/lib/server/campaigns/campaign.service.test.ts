import { MAIL_PRIORITY } from '../mail/mail-priority.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import type { TestDb } from '../../../../tests/helpers/db.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, registrationInput } from '../../../../tests/factories/registrations.ts';
import { addTeamMember } from '../../../../tests/factories/preparation.ts';
import { newCheckin, newContactList, windows1252 } from '../../../../tests/factories/campaigns.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { updateEvent } from '../events/event.service.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { findRegistrationByTokenHash } from '../registrations/registration.queries.ts';
import { hashToken } from '../registrations/registration.service.ts';
import { renderQueuedMail } from '../mail/mail-renderer.ts';
import { createContactList, importContacts, getContactList, addContact, copyContactList } from '../contacts/contact.service.ts';
import { insertUnsubscribe } from '../contacts/contact.queries.ts';
import {
	cancelCampaign,
	createCampaign,
	listCampaigns,
	previewCampaign,
	queueCampaign,
	queueDueCampaigns,
	sendCampaignNow,
	sendTestCampaign,
	updateCampaign
} from './campaign.service.ts';
import { campaignMailRenderers } from './campaign-mail.ts';
import { unsubscribeByToken } from './unsubscribe.service.ts';
import { ConflictError, NotFoundError } from '../validation.ts';

describe.each(DIALECTS)('campaigns on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeEach(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterEach(async () => {
		await t.close();
	});

	const messages = (campaignKind = 'campaign') =>
		t.db.selectFrom('mail_message').selectAll().where('kind', '=', campaignKind).orderBy('to_address').execute();

	it('test_import_reads_windows_1252_with_semicolons_merges_duplicates_and_refuses_bad_rows_with_reasons', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const list = await createContactList(ctx, owner, ev.slug, { name: 'Élus' });
		const csv =
			'Prénom;Nom;Courriel;Structure;Fonction\r\nHélène;Lefèvre;helene@exemple.fr;Mairie d’Aixe;Élue\r\nX;Y;pas-une-adresse;;\r\n;Sans;;;\r\nHÉLÈNE;;Helene@Exemple.fr;;\r\n';
		const report = await importContacts(
			ctx,
			owner,
			ev.slug,
			list.id,
			{ bytes: windows1252(csv), name: 'elus.csv' },
			{ legalBasis: 'professional' }
		);
		expect(report).toMatchObject({ encoding: 'windows-1252', lines: 4, imported: 1, merged: 1 });
		expect(report.refused).toEqual([
			{ line: 3, email: 'pas-une-adresse', reason: 'contacts.refused.invalidEmail' },
			{ line: 4, email: '', reason: 'contacts.refused.noEmail' }
		]);
		const stored = await getContactList(ctx, owner, ev.slug, list.id);
		expect(stored.contacts).toMatchObject([
			{
				email: 'helene@exemple.fr',
				firstName: 'Hélène',
				lastName: 'Lefèvre',
				structure: 'Mairie d’Aixe',
				role: 'Élue',
				source: 'import:elus.csv',
				legalBasis: 'professional'
			}
		]);
	});

	it('test_import_of_10000_utf8_rows_with_commas_takes_seconds', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const list = await createContactList(ctx, owner, ev.slug, { name: 'Réseau' });
		const lines = ['email,first name,last name,organisation'];
		for (let i = 0; i < 10_000; i++) lines.push(`p${i}@exemple.fr,Prénom ${i},Nom,Structure ${i % 50}`);
		const started = performance.now();
		const report = await importContacts(
			ctx,
			owner,
			ev.slug,
			list.id,
			{ bytes: new TextEncoder().encode(lines.join('\n')) },
			{ legalBasis: 'legitimate-interest' }
		);
		const seconds = (performance.now() - started) / 1000;
		expect(report).toMatchObject({ encoding: 'utf-8', imported: 10_000, refused: [] });
		expect((await getContactList(ctx, owner, ev.slug, list.id)).total).toBe(10_000);
		expect(seconds).toBeLessThan(10);
	});

	it('test_campaign_with_unknown_placeholder_or_empty_subject_is_refused_and_nothing_is_saved', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		expect(await issuesOf(createCampaign(ctx, owner, ev.slug, { kind: 'free', body: 'Bonjour {prénom}, {evenement}' }))).toEqual([
			'body:campaigns.errors.unknownPlaceholder'
		]);
		expect(await issuesOf(createCampaign(ctx, owner, ev.slug, { kind: 'free', subject: '  ' }))).toEqual(['subject:errors.required']);
		expect(await listCampaigns(ctx, owner, ev.slug)).toEqual([]);
	});

	it('test_private_link_placeholder_is_refused_for_a_contact_list_audience', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const list = await newContactList(ctx, owner, ev.slug, ['a@exemple.fr']);
		expect(await issuesOf(createCampaign(ctx, owner, ev.slug, { kind: 'practical', audience: { lists: [list.id] } }))).toEqual([
			'body:campaigns.errors.registrationPlaceholder'
		]);
	});

	it('test_send_now_queues_each_address_once_with_unsubscribe_headers_and_marks_the_task_done', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const a = await newContactList(ctx, owner, ev.slug, ['ana@exemple.fr', 'bob@exemple.fr'], 'A');
		const b = await newContactList(ctx, owner, ev.slug, ['BOB@exemple.fr', 'cleo@exemple.fr'], 'B');
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'save-the-date', audience: { lists: [a.id, b.id] } });

		const sent = await sendCampaignNow(ctx, owner, ev.slug, c.id);
		expect(sent.status).toBe('sent');
		expect(await queueCampaign(t.db, c.id)).toBeNull(); // a second queueing (another process) does nothing
		await expect(sendCampaignNow(ctx, owner, ev.slug, c.id)).rejects.toBeInstanceOf(ConflictError);

		const queued = await messages();
		expect(queued.map((m) => [m.to_address, m.status, Number(m.priority)])).toEqual([
			['ana@exemple.fr', 'preparing', MAIL_PRIORITY.bulk],
			['bob@exemple.fr', 'preparing', MAIL_PRIORITY.bulk],
			['cleo@exemple.fr', 'preparing', MAIL_PRIORITY.bulk]
		]);
		expect(await renderQueuedMail(t.db, campaignMailRenderers(ctx.publicUrl))).toBe(3);
		const [ana] = await messages();
		expect(ana.status).toBe('pending');
		expect(ana.subject).toBe(`Réservez la date : ${ev.title}`);
		expect(ana.text_body).toContain('Bonjour Prénom0,');
		const headers = JSON.parse(ana.headers!);
		expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
		expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/localhost:3000\/api\/v1\/unsubscribe\?token=mun_[\w-]+>$/);
		expect(ana.html_body).toContain(`<a href="${headers['List-Unsubscribe'].slice(1, -1)}"`);
		expect(ana.render_from).toBeNull(); // the clear token is gone once written

		const task = await t.db.selectFrom('planning_task').selectAll().where('id', '=', c.taskId!).executeTakeFirstOrThrow();
		expect([task.title, task.status, task.offset_days]).toEqual(['Campagne : Save the date', 'done', -150]);
		const [view] = await listCampaigns(ctx, owner, ev.slug);
		expect(view.stats).toMatchObject({ recipients: 3, waiting: 3, sent: 0 });
	});

	it('test_one_click_unsubscribe_stops_later_campaigns_and_imports_of_the_same_organiser', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const other = await newPublishedEvent(t.db, owner); // the same organiser's next event
		const list = await newContactList(ctx, owner, ev.slug, ['ana@exemple.fr', 'bob@exemple.fr']);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'save-the-date', audience: { lists: [list.id] } });
		await sendCampaignNow(ctx, owner, ev.slug, c.id);
		await renderQueuedMail(t.db, campaignMailRenderers(ctx.publicUrl));
		const [ana] = await messages();
		const token = /token=(mun_[\w-]+)/.exec(ana.text_body)![1];

		expect(await unsubscribeByToken(t.db, token)).toMatchObject({ email: 'ana@exemple.fr' });
		expect(await unsubscribeByToken(t.db, token)).toMatchObject({ email: 'ana@exemple.fr' }); // twice: no error

		const again = await createCampaign(ctx, owner, ev.slug, { kind: 'invitation', audience: { lists: [list.id] } });
		await sendCampaignNow(ctx, owner, ev.slug, again.id);
		const invitations = await t.db.selectFrom('campaign_recipient').select('email').where('campaign_id', '=', again.id).execute();
		expect(invitations.map((r) => r.email)).toEqual(['bob@exemple.fr']);

		const otherList = await createContactList(ctx, owner, other.slug, { name: 'Reprise' });
		const report = await importContacts(
			ctx,
			owner,
			other.slug,
			otherList.id,
			{ bytes: new TextEncoder().encode('email\nana@exemple.fr\ncleo@exemple.fr\n') },
			{ legalBasis: 'consent' }
		);
		expect(report.refused).toEqual([{ line: 2, email: 'ana@exemple.fr', reason: 'contacts.refused.unsubscribed' }]);
		expect(await issuesOf(addContact(ctx, owner, other.slug, otherList.id, { email: 'Ana@exemple.fr' }))).toEqual([
			'email:contacts.refused.unsubscribed'
		]);
		const [first] = await listCampaigns(ctx, owner, ev.slug);
		expect(first.stats.unsubscribed).toBe(1);
	});

	it('test_scheduled_campaign_moves_with_the_event_and_goes_only_when_due', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner); // 10–11 June 2027
		const list = await newContactList(ctx, owner, ev.slug, ['ana@exemple.fr']);
		const c = await createCampaign(ctx, owner, ev.slug, {
			kind: 'free',
			subject: 'Bientôt {evenement}',
			audience: { lists: [list.id] },
			schedule: { anchor: 'start', offsetDays: -30, sendTime: '10:00' },
			status: 'scheduled'
		});
		expect(c.sendAt).toBe('2027-05-11T08:00:00.000Z');
		await updateEvent(ctx, owner, ev.slug, { startsAt: '2027-06-17T09:00:00+02:00', endsAt: '2027-06-18T17:00:00+02:00' });
		const [moved] = await listCampaigns(ctx, owner, ev.slug);
		expect(moved.sendAt).toBe('2027-05-18T08:00:00.000Z');

		expect(await queueDueCampaigns(t.db, new Date('2027-05-11T09:00:00Z'))).toEqual({ campaigns: 0, queued: 0 });
		expect(await queueDueCampaigns(t.db, new Date('2027-05-18T08:00:00Z'))).toEqual({ campaigns: 1, queued: 1 });
		expect(await queueDueCampaigns(t.db, new Date('2027-05-18T09:00:00Z'))).toEqual({ campaigns: 0, queued: 0 });
		await expect(updateCampaign(ctx, owner, ev.slug, c.id, { name: 'Trop tard' })).rejects.toBeInstanceOf(ConflictError);
	});

	it('test_task_of_a_campaign_anchored_on_the_last_day_follows_a_longer_event_but_a_sent_one_stays', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner); // 10–11 June 2027
		const list = await newContactList(ctx, owner, ev.slug, ['ana@exemple.fr']);
		const survey = await createCampaign(ctx, owner, ev.slug, {
			kind: 'free',
			subject: 'Merci',
			audience: { lists: [list.id] },
			schedule: { anchor: 'end', offsetDays: 7, sendTime: '10:00' }
		});
		const sent = await createCampaign(ctx, owner, ev.slug, {
			kind: 'free',
			subject: 'Déjà parti',
			audience: { lists: [list.id] },
			schedule: { anchor: 'end', offsetDays: 1, sendTime: '10:00' }
		});
		await sendCampaignNow(ctx, owner, ev.slug, sent.id);
		const task = (id: string) =>
			t.db.selectFrom('planning_task').select(['offset_days', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(Number((await task(survey.taskId!)).offset_days)).toBe(8); // one day of event + 7
		const before = await task(sent.taskId!);

		await updateEvent(ctx, owner, ev.slug, { startsAt: '2027-06-10T09:00:00+02:00', endsAt: '2027-06-12T17:00:00+02:00' });
		expect(Number((await task(survey.taskId!)).offset_days)).toBe(9);
		expect(await task(sent.taskId!)).toEqual(before);
	});

	it('test_scheduling_without_any_recipient_is_refused_and_cancel_cancels_the_task', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'practical' });
		expect(await issuesOf(updateCampaign(ctx, owner, ev.slug, c.id, { status: 'scheduled' }))).toEqual([
			'audience:campaigns.errors.noRecipient'
		]);
		expect(await issuesOf(sendCampaignNow(ctx, owner, ev.slug, c.id))).toEqual(['audience:campaigns.errors.noRecipient']);
		const cancelled = await cancelCampaign(ctx, owner, ev.slug, c.id);
		expect(cancelled.status).toBe('cancelled');
		const task = await t.db.selectFrom('planning_task').select('status').where('id', '=', c.taskId!).executeTakeFirstOrThrow();
		expect(task.status).toBe('cancelled');
	});

	it('test_survey_campaign_to_people_who_came_carries_a_fresh_private_survey_link', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const came = await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Inès' }));
		await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Absente' }));
		await newCheckin(t.db, ev.id, came.id);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'survey' });
		const preview = await previewCampaign(ctx, owner, ev.slug, c.id);
		expect(preview.recipients).toBe(1);
		expect(preview.text).toContain('Bonjour Inès,');

		await sendCampaignNow(ctx, owner, ev.slug, c.id);
		await renderQueuedMail(t.db, campaignMailRenderers(ctx.publicUrl));
		const [mail] = await messages();
		const token = /http:\/\/localhost:3000\/inscription\/(mrg_[\w-]+)\/questionnaire/.exec(mail.text_body)![1];
		expect((await findRegistrationByTokenHash(t.db, hashToken(token)))?.id).toBe(came.id);
	});

	it('test_save_the_date_text_says_how_long_the_event_lasts', async () => {
		const owner = await newUser(t.db);
		const bodyFor = async (startsAt: string, endsAt: string) => {
			const ev = await newPublishedEvent(t.db, owner, { startsAt, endsAt });
			return (await createCampaign(ctx, owner, ev.slug, { kind: 'save-the-date' })).body;
		};
		const morning = await bodyFor('2027-06-10T09:00:00+02:00', '2027-06-10T12:30:00+02:00');
		const one = await bodyFor('2027-06-10T09:00:00+02:00', '2027-06-10T17:00:00+02:00');
		const two = await bodyFor('2027-06-10T09:00:00+02:00', '2027-06-11T17:00:00+02:00');
		const three = await bodyFor('2027-06-10T09:00:00+02:00', '2027-06-12T13:00:00+02:00');
		expect(morning).toContain('Une demi-journée pour se rencontrer');
		expect(one).toContain('Une journée pour se rencontrer');
		expect(two).toContain('Deux jours pour se rencontrer');
		expect(three).toContain('Trois jours pour se rencontrer');
		for (const body of [morning, one, three]) expect(body).not.toContain('Deux jours');
	});

	it('test_send_test_goes_to_the_actor_only_marked_as_a_test_and_leaves_the_campaign_as_it_was', async () => {
		const owner = await newUser(t.db);
		const reader = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		const list = await newContactList(ctx, owner, ev.slug, ['ana@exemple.fr', 'bob@exemple.fr']);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'save-the-date', audience: { lists: [list.id] } });

		expect(await sendTestCampaign(ctx, owner, ev.slug, c.id)).toEqual({ to: owner.email });
		const tests = await messages('campaign-test');
		expect(tests.map((m) => [m.to_address, m.subject])).toEqual([[owner.email, `[Test] Réservez la date : ${ev.title}`]]);
		expect(tests[0].text_body).toContain('Bonjour Prénom0,'); // the first recipient's values, as the preview shows
		expect(await messages()).toEqual([]); // nobody on the list received anything
		const [view] = await listCampaigns(ctx, owner, ev.slug);
		expect([view.status, view.stats.recipients]).toEqual([c.status, 0]);

		await expect(sendTestCampaign(ctx, reader, ev.slug, c.id)).rejects.toThrow('edit');
		await expect(sendTestCampaign(ctx, owner, ev.slug, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
		expect(await messages('campaign-test')).toHaveLength(1);
	});

	it('test_copy_contact_list_brings_another_event_list_without_unsubscribed_and_only_from_the_actors_events', async () => {
		const owner = await newUser(t.db);
		const stranger = await newUser(t.db);
		const last = await newPublishedEvent(t.db, owner);
		const next = await newPublishedEvent(t.db, owner);
		const theirs = await newPublishedEvent(t.db, stranger);
		const list = await newContactList(ctx, owner, last.slug, ['ana@exemple.fr', 'bob@exemple.fr', 'cleo@exemple.fr'], 'Élus');
		await insertUnsubscribe(t.db, next.id, 'bob@exemple.fr', new Date().toISOString());

		const copy = await copyContactList(ctx, owner, next.slug, list.id);
		expect([copy.name, copy.contacts]).toEqual([`Élus (${last.title})`, 2]);
		const copied = await getContactList(ctx, owner, next.slug, copy.id);
		expect(copied.contacts.map((x) => [x.email, x.firstName, x.source, x.legalBasis])).toEqual([
			['ana@exemple.fr', 'Prénom0', 'copy:Élus', 'professional'],
			['cleo@exemple.fr', 'Prénom2', 'copy:Élus', 'professional']
		]);
		expect((await getContactList(ctx, owner, last.slug, list.id)).total).toBe(3); // the source is left as it was

		await expect(copyContactList(ctx, stranger, theirs.slug, list.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(copyContactList(ctx, owner, next.slug, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
		const theirLists = await t.db.selectFrom('contact_list').select('id').where('event_id', '=', theirs.id).execute();
		expect(theirLists).toEqual([]);
	});

	it('test_team_member_without_role_sees_nothing_and_readonly_cannot_send', async () => {
		const owner = await newUser(t.db);
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'free', audience: { team: true } });
		await expect(listCampaigns(ctx, stranger, ev.slug)).rejects.toThrow('event');
		await expect(sendCampaignNow(ctx, reader, ev.slug, c.id)).rejects.toThrow('edit');
		expect((await listCampaigns(ctx, reader, ev.slug)).length).toBe(1);
	});

	it('test_survey_reminder_goes_to_people_who_came_and_have_not_answered', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const answered = await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Répondu' }));
		const silent = await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Silence' }));
		await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Absent' }));
		await newCheckin(t.db, ev.id, answered.id);
		await newCheckin(t.db, ev.id, silent.id);
		const now = new Date().toISOString();
		await t.db
			.insertInto('survey')
			.values({ id: crypto.randomUUID(), event_id: ev.id, title: 'Votre avis', created_at: now, updated_at: now })
			.execute();
		const survey = await t.db.selectFrom('survey').select('id').where('event_id', '=', ev.id).executeTakeFirstOrThrow();
		await t.db.insertInto('survey_respondent').values({ survey_id: survey.id, registration_id: answered.id, answered_at: now }).execute();

		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'survey-reminder' });
		expect(c.audience.surveyNonRespondents).toBe(true);
		const preview = await previewCampaign(ctx, owner, ev.slug, c.id);
		expect([preview.recipients, preview.person?.firstName]).toEqual([1, 'Silence']);
	});
});

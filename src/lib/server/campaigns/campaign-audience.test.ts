import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPublishedEvent, newSession, registrationInput } from '../../../../tests/factories/registrations.ts';
import { newCheckin } from '../../../../tests/factories/campaigns.ts';
import type { ServiceContext } from '../events/event.service.ts';
import type { DbOrTx } from '../db/index.ts';
import { registerParticipant } from '../registrations/registration.service.ts';
import { renderQueuedMail } from '../mail/mail-renderer.ts';
import { setReportPublished } from '../reports/report.service.ts';
import { createCampaign, getCampaign, listCampaigns, previewCampaign, queueDueCampaigns, updateCampaign } from './campaign.service.ts';
import { campaignMailRenderers } from './campaign-mail.ts';

/** A confirmed seat in a session that needs registration, as the registration form leaves it. */
async function newSeat(db: DbOrTx, registrationId: string, sessionId: string) {
	await db
		.insertInto('registration_session')
		.values({ registration_id: registrationId, session_id: sessionId, status: 'confirmed', requested_at: new Date().toISOString() })
		.execute();
}

describe.each(DIALECTS)('campaign audiences and the report anchor on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeEach(async () => {
		({ t, ctx } = await openServiceDb(dialect));
	});
	afterEach(async () => {
		await t.close();
	});

	it('test_people_who_came_to_a_session_are_seat_holders_checked_in_on_its_half_day_or_anyone_there_without_seats', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		// 10:00 Paris on the first day (a morning), with seats; 15:00 Paris (an afternoon), without.
		const workshop = await newSession(t.db, ev.id, { title: 'Atelier Prérequis' });
		const plenary = await newSession(t.db, ev.id, {
			title: 'Plénière',
			requiresRegistration: false,
			startsAt: '2027-06-10T13:00:00.000Z',
			endsAt: '2027-06-10T14:00:00.000Z'
		});
		const who = async (firstName: string) => (await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName }))).id;
		const seatCame = await who('Siège-venue');
		const seatAfternoonOnly = await who('Siège-après-midi');
		const afternoon = await who('Après-midi');
		const morningNoSeat = await who('Matin-sans-place');
		await newSeat(t.db, seatCame, workshop);
		await newSeat(t.db, seatAfternoonOnly, workshop);
		await newCheckin(t.db, ev.id, seatCame, '2027-06-10:am');
		await newCheckin(t.db, ev.id, seatAfternoonOnly, '2027-06-10:pm');
		await newCheckin(t.db, ev.id, afternoon, '2027-06-10:pm');
		await newCheckin(t.db, ev.id, morningNoSeat, '2027-06-10:am');

		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'free', audience: { attended: true, attendedSessions: [workshop] } });
		const seatHolders = await previewCampaign(ctx, owner, ev.slug, c.id);
		expect([seatHolders.recipients, seatHolders.person?.firstName]).toEqual([1, 'Siège-venue']);
		// The plenary needs no seat: whoever came that afternoon; with the morning half-day added, the union.
		await updateCampaign(ctx, owner, ev.slug, c.id, { audience: { attended: true, attendedSessions: [plenary] } });
		expect((await previewCampaign(ctx, owner, ev.slug, c.id)).recipients).toBe(2);
		await updateCampaign(ctx, owner, ev.slug, c.id, {
			audience: { attended: true, attendedSessions: [plenary, workshop], attendedHalfDays: ['2027-06-10:am'] }
		});
		expect((await previewCampaign(ctx, owner, ev.slug, c.id)).recipients).toBe(4);
		const detail = await getCampaign(ctx, owner, ev.slug, c.id);
		expect(detail.campaign.audience.attendedSessions).toEqual([plenary, workshop]);
		expect(detail.choices.sessions.map((s) => s.title)).toEqual(['Atelier Prérequis', 'Plénière']);
		expect(detail.choices.halfDays).toContain('2027-06-10:am');
	});

	it('test_a_session_of_another_event_is_refused_next_to_the_field_and_nothing_is_saved', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const other = await newPublishedEvent(t.db, owner);
		const foreign = await newSession(t.db, other.id);
		const issues = await issuesOf(createCampaign(ctx, owner, ev.slug, { kind: 'free', audience: { attendedSessions: [foreign] } }));
		expect(issues).toEqual(['audience.attendedSessions:campaigns.errors.unknownSession']);
		expect(await listCampaigns(ctx, owner, ev.slug)).toEqual([]);
	});

	it('test_thank_you_campaign_waits_for_the_report_and_goes_with_its_link_when_it_is_published', async () => {
		const owner = await newUser(t.db);
		const ev = await newPublishedEvent(t.db, owner);
		const came = await registerParticipant(ctx, null, ev.slug, registrationInput({ firstName: 'Inès' }));
		await newCheckin(t.db, ev.id, came.id);
		const c = await createCampaign(ctx, owner, ev.slug, { kind: 'thanks', status: 'scheduled' });
		expect([c.schedule.anchor, c.sendAt]).toEqual(['report', null]);
		// Months after the event, the job still sends nothing while the report is not published.
		expect(await queueDueCampaigns(t.db, new Date('2028-01-01T00:00:00Z'))).toEqual({ campaigns: 0, queued: 0 });

		await setReportPublished(ctx, owner, ev.slug, { published: true });
		const [view] = await listCampaigns(ctx, owner, ev.slug);
		expect([view.status, view.stats.recipients]).toEqual(['sent', 1]);
		expect(view.sendAt).not.toBeNull();
		const task = await t.db.selectFrom('planning_task').select('status').where('id', '=', c.taskId!).executeTakeFirstOrThrow();
		expect(task.status).toBe('done');
		await renderQueuedMail(t.db, campaignMailRenderers(ctx.publicUrl));
		const mail = await t.db.selectFrom('mail_message').selectAll().where('kind', '=', 'campaign').executeTakeFirstOrThrow();
		expect(mail.text_body).toContain(`http://localhost:3000/e/${ev.slug}/bilan`);
		expect(mail.text_body).toContain('Bonjour Inès,');
		// Withdrawn and published again: the campaign went once.
		await setReportPublished(ctx, owner, ev.slug, { published: false });
		await setReportPublished(ctx, owner, ev.slug, { published: true });
		expect(await t.db.selectFrom('mail_message').select('id').where('kind', '=', 'campaign').execute()).toHaveLength(1);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent, newParticipant } from '../../../../tests/factories/network.ts';
import { newRoom, newSession } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { getNetworkOverview } from './overview.service.ts';
import { optInByToken } from './profile.service.ts';
import { answerMeeting, listFreeSlots, listMyMeetings, myMeetingsIcs, requestMeeting } from './meeting.service.ts';

describe.each(DIALECTS)('meetings between participants on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());
	const before = new Date('2027-06-01T12:00:00Z');

	async function eventWithLunch(count: number) {
		const e = await newNetworkEvent(ctx, count);
		const hall = await newRoom(t.db, e.event.id, { name: 'Hall' });
		// Lunch 12:30–13:00 Paris: two slots; a workshop is not an informal time.
		await newSession(t.db, e.event.id, {
			title: 'Déjeuner',
			format: 'break',
			startsAt: '2027-06-10T10:30:00.000Z',
			endsAt: '2027-06-10T11:00:00.000Z',
			roomId: hall
		});
		await newSession(t.db, e.event.id, { title: 'Atelier', format: 'workshop' });
		for (const p of e.people) await optInByToken(ctx, p.token, {});
		const ids = [];
		for (const p of e.people)
			ids.push((await t.db.selectFrom('network_profile').select('id').where('registration_id', '=', p.id).executeTakeFirstOrThrow()).id);
		return { ...e, ids };
	}

	it('test_meeting_in_lunch_slot_is_accepted_booked_for_both_and_mailed_with_ics', async () => {
		const { owner, event, people, ids } = await eventWithLunch(2);
		const [ana, ben] = people;
		const free = await listFreeSlots(ctx, ana.token, ids[1], before);
		expect(free.slots.map((s) => [s.startsAt, s.room])).toEqual([
			['2027-06-10T10:30:00.000Z', 'Hall'],
			['2027-06-10T10:45:00.000Z', 'Hall']
		]);
		const m = await requestMeeting(
			ctx,
			ana.token,
			{ inviteeId: ids[1], startsAt: '2027-06-10T10:30:00.000Z', message: 'Parlons tiers-lieux' },
			before
		);
		await answerMeeting(ctx, ben.token, m.id, true, before);

		expect((await listMyMeetings(ctx, ana.token, before)).map((x) => [x.otherName, x.status, x.place])).toEqual([
			[ben.name, 'accepted', 'Hall']
		]);
		expect((await listFreeSlots(ctx, ben.token, ids[0], before)).slots.map((s) => s.startsAt)).toEqual(['2027-06-10T10:45:00.000Z']);
		const mails = await t.db
			.selectFrom('mail_message')
			.select(['attachments'])
			.where('kind', '=', 'network-meeting-accepted')
			.where('event_id', '=', event.id)
			.execute();
		expect(mails).toHaveLength(2);
		expect(Buffer.from(JSON.parse(mails[0].attachments!)[0].contentBase64, 'base64').toString()).toContain('DTSTART:20270610T103000Z');
		expect(await myMeetingsIcs(ctx, ana.token, 'fr', before)).toContain(ben.name);

		const overview = await getNetworkOverview(ctx, owner, event.slug);
		expect(overview.counts.meetings).toEqual({ accepted: 1 });
		expect(JSON.stringify(overview)).not.toContain(ben.name);
	});

	it('test_no_one_is_double_booked_even_when_two_acceptances_race', async () => {
		const { people, ids } = await eventWithLunch(3);
		const [ana, ben, cleo] = people;
		const slot = '2027-06-10T10:30:00.000Z';
		const fromBen = await requestMeeting(ctx, ben.token, { inviteeId: ids[0], startsAt: slot }, before);
		const fromCleo = await requestMeeting(ctx, cleo.token, { inviteeId: ids[0], startsAt: slot }, before);
		const results = await Promise.allSettled([
			answerMeeting(ctx, ana.token, fromBen.id, true, before),
			answerMeeting(ctx, ana.token, fromCleo.id, true, before)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(rejected.reason).toBeInstanceOf(ConflictError);
		const bookings = await t.db.selectFrom('network_meeting_booking').selectAll().where('profile_id', '=', ids[0]).execute();
		expect(bookings).toHaveLength(1);
		await expect(requestMeeting(ctx, cleo.token, { inviteeId: ids[0], startsAt: slot }, before)).rejects.toThrow(ConflictError);
	});

	it('test_meetings_only_between_opted_in_people_of_the_same_event', async () => {
		const { event, people, ids } = await eventWithLunch(1);
		const outsider = await newParticipant(ctx, event.slug);
		await expect(listFreeSlots(ctx, outsider.token, ids[0], before)).rejects.toThrow(ForbiddenError);
		const other = await eventWithLunch(1);
		await expect(listFreeSlots(ctx, people[0].token, other.ids[0], before)).rejects.toThrow(NotFoundError);
		await expect(answerMeeting(ctx, people[0].token, 'nope', true, before)).rejects.toThrow(NotFoundError);
	});
});

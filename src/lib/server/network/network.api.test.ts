import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newNetworkEvent } from '../../../../tests/factories/network.ts';
import { newRoom, newSession } from '../../../../tests/factories/registrations.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import { answerMeeting } from './meeting.service.ts';
import { createPostForApi, listMeetingsForApi, listPostsForApi, requestMeetingForApi } from './network.api.ts';
import { optInByToken } from './profile.service.ts';

describe.each(DIALECTS)('network API on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());
	const now = new Date('2027-06-01T12:00:00Z');

	const profileId = async (registrationId: string) =>
		(await t.db.selectFrom('network_profile').select('id').where('registration_id', '=', registrationId).executeTakeFirstOrThrow()).id;

	it('test_needs_offers_filtered_public_safe_and_scoped_to_the_callers_event', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 2);
		const other = await newNetworkEvent(ctx, 1);
		const [ana, ben] = people;
		for (const p of [...people, ...other.people]) await optInByToken(ctx, p.token, {});
		await createPostForApi(
			ctx,
			{ token: ana.token },
			{ kind: 'need', category: 'room', title: 'Une salle', departement: '87', event: event.slug },
			now
		);
		await createPostForApi(ctx, { token: ben.token }, { kind: 'offer', category: 'room', title: 'Notre salle', departement: '23' }, now);

		const offers = await listPostsForApi(ctx, { token: ana.token }, { kind: 'offer' }, now);
		expect(offers.items.map((p) => [p.title, p.author.name, p.mine])).toEqual([['Notre salle', ben.name, false]]);
		expect((await listPostsForApi(ctx, { token: ana.token }, { departement: '87' }, now)).items.map((p) => p.title)).toEqual(['Une salle']);
		// The team reads its event's board with `event`; answers hold no address.
		const team = await listPostsForApi(ctx, { actor: owner }, { event: event.slug }, now);
		expect(team.total).toBe(2);
		const emails = await t.db.selectFrom('registration').select('email').where('event_id', '=', event.id).execute();
		const text = JSON.stringify(team);
		for (const { email } of emails) expect(text).not.toContain(email);

		await expect(listPostsForApi(ctx, { token: ana.token }, { event: other.event.slug }, now)).rejects.toThrow(NotFoundError);
		await expect(listPostsForApi(ctx, { actor: other.owner }, { event: event.slug }, now)).rejects.toThrow(NotFoundError);
		await expect(
			createPostForApi(ctx, { token: ana.token }, { kind: 'offer', category: 'tools', title: 'x', event: other.event.slug }, now)
		).rejects.toThrow(NotFoundError);
		expect((await listPostsForApi(ctx, { token: other.people[0].token }, {}, now)).total).toBe(0);
	});

	it('test_bad_post_through_the_api_gives_field_reasons_and_stores_nothing', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 1);
		await optInByToken(ctx, people[0].token, {});
		expect(
			await issuesOf(
				createPostForApi(ctx, { token: people[0].token }, { kind: 'gift', category: 'room', title: '', departement: '999' }, now)
			)
		).toEqual(['kind:errors.invalidChoice', 'title:errors.required', 'departement:errors.invalid']);
		expect(
			await issuesOf(createPostForApi(ctx, { actor: owner }, { kind: 'need', category: 'room', title: 'Salle', event: event.slug }, now))
		).toEqual(['event:people.errors.eventPostFromLink']);
		expect((await listPostsForApi(ctx, { actor: owner }, { event: event.slug }, now)).total).toBe(0);
	});

	it('test_meetings_between_participants_for_them_and_counts_only_for_the_team', async () => {
		const { owner, event, people } = await newNetworkEvent(ctx, 2);
		const hall = await newRoom(t.db, event.id, { name: 'Hall' });
		await newSession(t.db, event.id, {
			title: 'Déjeuner',
			format: 'break',
			startsAt: '2027-06-10T10:30:00.000Z',
			endsAt: '2027-06-10T11:00:00.000Z',
			roomId: hall
		});
		const [ana, ben] = people;
		for (const p of people) await optInByToken(ctx, p.token, {});
		const benId = await profileId(ben.id);
		const asked = await requestMeetingForApi(
			ctx,
			{ token: ana.token },
			event.slug,
			{ inviteeId: benId, startsAt: '2027-06-10T10:30:00.000Z', message: 'Bonjour' },
			now
		);
		await answerMeeting(ctx, ben.token, asked.id, true, now);
		const mine = await listMeetingsForApi(ctx, { token: ana.token }, event.slug, undefined, now);
		expect(mine.meetings.map((m) => [m.other.name, m.status, m.place, m.received])).toEqual([[ben.name, 'accepted', 'Hall', false]]);
		expect(mine.counts).toEqual({ accepted: 1 });
		expect((await listMeetingsForApi(ctx, { token: ben.token }, event.slug, await profileId(ana.id), now)).freeSlots).toEqual([
			{ startsAt: '2027-06-10T10:45:00.000Z', endsAt: '2027-06-10T11:00:00.000Z', during: 'Déjeuner', room: 'Hall' }
		]);
		const team = await listMeetingsForApi(ctx, { actor: owner }, event.slug, undefined, now);
		expect(team).toEqual({ meetings: [], counts: { accepted: 1 } });
		expect(JSON.stringify(team)).not.toContain(ben.name);
		await expect(
			requestMeetingForApi(ctx, { actor: owner }, event.slug, { inviteeId: benId, startsAt: '2027-06-10T10:45:00.000Z' }, now)
		).rejects.toThrow(ForbiddenError);
		const other = await newNetworkEvent(ctx, 1);
		await expect(listMeetingsForApi(ctx, { token: ana.token }, other.event.slug, undefined, now)).rejects.toThrow(NotFoundError);
		expect(await issuesOf(requestMeetingForApi(ctx, { token: ana.token }, event.slug, { inviteeId: benId, startsAt: '' }, now))).toEqual([
			'startsAt:errors.required'
		]);
	});
});

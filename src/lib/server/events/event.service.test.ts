import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import {
	createEvent,
	getEvent,
	listEventsForApi,
	listPublicEventDepartements,
	listPublicEvents,
	updateEvent,
	listMyEvents,
	type ServiceContext
} from './event.service.ts';
import { NotFoundError, ForbiddenError } from '../validation.ts';

describe.each(DIALECTS)('events on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_createEvent_valid_input_is_a_draft_owned_by_creator', async () => {
		const alice = await newUser(t.db);
		const ev = await createEvent(ctx, alice, eventInput({ title: 'NEC de la Creuse' }));
		expect(ev.status).toBe('draft');
		expect(ev.slug).toBe('nec-de-la-creuse');
		expect(ev.url).toBe('http://localhost:3000/e/nec-de-la-creuse');
		expect(ev.startsAt).toBe('2027-06-10T09:00:00+02:00');
		expect(ev.venue).toMatchObject({ inseeCode: '87085', commune: 'Limoges', departement: '87' });
		expect(ev.organisers).toEqual([{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', siret: '73282932000074', rna: null, role: 'lead' }]);
		const mine = await listMyEvents(ctx, alice);
		expect(mine.map((e) => [e.slug, e.role])).toEqual([['nec-de-la-creuse', 'owner']]);
	});

	it('test_createEvent_same_title_gets_a_distinct_slug', async () => {
		const u = await newUser(t.db);
		const a = await createEvent(ctx, u, eventInput({ title: 'NEC Pareil' }));
		const b = await createEvent(ctx, u, eventInput({ title: 'NEC Pareil' }));
		expect([a.slug, b.slug]).toEqual(['nec-pareil', 'nec-pareil-2']);
	});

	it('test_createEvent_bad_input_lists_every_problem_and_stores_nothing', async () => {
		const u = await newUser(t.db);
		const issues = await issuesOf(
			createEvent(
				ctx,
				u,
				eventInput({
					title: '',
					endsAt: '2027-06-09T09:00:00+02:00',
					venue: { name: 'X', inseeCode: '99999' },
					themes: ['Un'],
					organisers: [{ name: 'Asso', type: 'association', siret: '12345678901234', role: 'lead' }]
				})
			)
		);
		expect(issues).toEqual(
			expect.arrayContaining([
				'title:errors.required',
				'themes:errors.themesCount',
				'venue.inseeCode:errors.inseeCode',
				'organisers.0.siret:errors.siret'
			])
		);
		expect(await listMyEvents(ctx, u)).toEqual([]);
		const issues2 = await issuesOf(createEvent(ctx, u, eventInput({ endsAt: '2027-06-09T09:00:00+02:00' })));
		expect(issues2).toEqual(['endsAt:errors.endBeforeStart']);
	});

	it('test_createEvent_online_needs_link_onsite_needs_venue', async () => {
		const u = await newUser(t.db);
		expect(await issuesOf(createEvent(ctx, u, eventInput({ format: 'online', venue: null })))).toEqual([
			'onlineUrl:errors.onlineUrlRequired'
		]);
		expect(await issuesOf(createEvent(ctx, u, eventInput({ format: 'onsite', venue: null })))).toEqual([
			'venue.name:errors.venueRequired',
			'venue.inseeCode:errors.communeRequired'
		]);
	});

	it('test_draft_invisible_to_public_and_other_organisers_visible_once_published', async () => {
		const owner = await newUser(t.db);
		const other = await newUser(t.db);
		const ev = await createEvent(ctx, owner, eventInput({ venue: { name: 'Salle', inseeCode: '23096' } }));
		await expect(getEvent(ctx, null, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getEvent(ctx, other, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(updateEvent(ctx, other, ev.slug, { title: 'Piraté' })).rejects.toBeInstanceOf(NotFoundError);
		expect((await listEventsForApi(ctx, other)).map((e) => e.slug)).not.toContain(ev.slug);
		expect((await listEventsForApi(ctx, owner)).map((e) => e.slug)).toContain(ev.slug);

		const published = await updateEvent(ctx, owner, ev.slug, { status: 'published' });
		expect(published.status).toBe('published');
		expect(published.publishedAt).not.toBeNull();
		expect((await getEvent(ctx, null, ev.slug)).title).toBe(ev.title);
		const home = await listPublicEvents(ctx, { departement: '23' }, new Date('2026-11-22T12:00:00Z'));
		expect(home.upcoming.map((e) => e.slug)).toContain(ev.slug);
		expect(await listPublicEventDepartements(ctx)).toContainEqual({ code: '23', name: 'Creuse' });
		const other87 = await listPublicEvents(ctx, { departement: '87' }, new Date('2026-11-22T12:00:00Z'));
		expect(other87.upcoming.map((e) => e.slug)).not.toContain(ev.slug);
		// Published, but still not theirs to change.
		await expect(updateEvent(ctx, other, ev.slug, { title: 'Piraté' })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_updateEvent_patch_is_validated_against_stored_event', async () => {
		const owner = await newUser(t.db);
		const ev = await createEvent(ctx, owner, eventInput());
		expect(await issuesOf(updateEvent(ctx, owner, ev.slug, { endsAt: '2027-06-01T10:00:00+02:00' }))).toEqual([
			'endsAt:errors.endBeforeStart'
		]);
		const moved = await updateEvent(ctx, owner, ev.slug, { startsAt: '2027-06-24T09:00', endsAt: '2027-06-25T17:00' });
		expect(moved.startsAt).toBe('2027-06-24T09:00:00+02:00');
		const after = await getEvent(ctx, owner, ev.slug);
		expect(after.endsAt).toBe('2027-06-25T17:00:00+02:00');
		// What the patch did not name is kept.
		expect(after.organisers).toEqual(ev.organisers);
		expect(after.label).toMatchObject({ status: 'requested', requestedOn: '2027-01-15', deadline: '2027-02-24' });
		expect(after.description).toBe(ev.description);
		expect(after.venue).toEqual(ev.venue);
	});

	it('test_updateEvent_bad_field_and_incoherent_dates_are_reported_together', async () => {
		const owner = await newUser(t.db);
		const ev = await createEvent(ctx, owner, eventInput());

		const issues = await issuesOf(
			updateEvent(ctx, owner, ev.slug, {
				title: '',
				onlineUrl: 'pas une adresse',
				startsAt: '2027-06-10T09:00',
				endsAt: '2027-06-10T08:00',
				label: { status: 'requested', requestedOn: null }
			})
		);

		expect(issues).toEqual([
			'title:errors.required',
			'onlineUrl:errors.url',
			'endsAt:errors.endBeforeStart',
			'label.requestedOn:errors.labelDateRequired'
		]);
		expect(await getEvent(ctx, owner, ev.slug)).toMatchObject({ title: ev.title, startsAt: ev.startsAt, endsAt: ev.endsAt });
	});

	it('test_updateEvent_rule_reading_a_bad_field_is_not_checked', async () => {
		const owner = await newUser(t.db);
		const ev = await createEvent(ctx, owner, eventInput());

		const issues = await issuesOf(
			updateEvent(ctx, owner, ev.slug, { startsAt: 'demain', endsAt: '2027-06-01T10:00', venue: { name: 'Salle', inseeCode: '99999' } })
		);

		// Neither "end before start" against an unreadable start, nor "commune required" for a refused one.
		expect(issues).toEqual(['startsAt:errors.dateTime', 'venue.inseeCode:errors.inseeCode']);
	});

	it('test_readonly_member_cannot_edit', async () => {
		const owner = await newUser(t.db);
		const reader = await newUser(t.db);
		const ev = await createEvent(ctx, owner, eventInput());
		await t.db
			.insertInto('event_member')
			.values({ event_id: ev.id, user_id: reader.id, role: 'readonly', created_at: new Date().toISOString() })
			.execute();
		expect((await getEvent(ctx, reader, ev.slug)).role).toBe('readonly');
		await expect(updateEvent(ctx, reader, ev.slug, { title: 'Non' })).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('test_admin_sees_every_draft', async () => {
		const owner = await newUser(t.db);
		const admin = await newUser(t.db, { isAdmin: true });
		const ev = await createEvent(ctx, owner, eventInput());
		expect((await getEvent(ctx, admin, ev.slug)).role).toBe('admin');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { updateEvent, type ServiceContext } from '../events/event.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import { addCommitteeMember } from './committee.service.ts';
import {
	addLogisticsItem,
	cateringNeedsFromRegistrations,
	deleteLogisticsItem,
	getLogistics,
	updateLogisticsItem
} from './logistics.service.ts';
import { LOGISTICS_TEMPLATE } from './planning.template.ts';

const NOW = new Date('2026-12-15T10:00:00Z');

describe.each(DIALECTS)('logistics checklist on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_checklist_starts_from_the_template_grouped_by_category_and_moves_with_the_event', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const page = await getLogistics(ctx, alice, ev.slug, { now: NOW });
		expect(page.items).toHaveLength(LOGISTICS_TEMPLATE.length);
		expect(page.groups.map((g) => g.category)).toEqual([
			'venue',
			'rooms',
			'accessibility',
			'signage',
			'power',
			'network',
			'video',
			'microphones',
			'catering',
			'reception'
		]);
		expect(page.groups.find((g) => g.category === 'accessibility')?.items.map((i) => i.title)).toEqual([
			'Accès de plain-pied : rampes, ascenseur, toilettes accessibles',
			'Boucle à induction magnétique',
			'Salle calme'
		]);
		const venue = page.items.find((i) => i.templateKey === 'venue-agreement')!;
		expect(venue).toMatchObject({ dueDate: '2026-12-12', offsetLabel: 'J\u2212180', late: true, status: 'todo' });
		expect(page.late).toBeGreaterThan(0);
		await updateEvent(ctx, alice, ev.slug, { startsAt: '2027-06-24T09:00', endsAt: '2027-06-25T17:00' });
		const moved = await getLogistics(ctx, alice, ev.slug, { now: NOW });
		expect(moved.items.find((i) => i.id === venue.id)).toMatchObject({ dueDate: '2026-12-26', late: false });
	});

	it('test_items_have_owner_capacity_status_notes_and_optional_due_date', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const regie = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Jules (régie)', roles: ['stage'] });
		const room = await addLogisticsItem(
			ctx,
			alice,
			ev.slug,
			{ category: 'rooms', title: 'Espace 3', capacity: 40, owner: { type: 'committee', id: regie.id }, notes: 'Au 2e étage, ascenseur' },
			NOW
		);
		expect(room).toMatchObject({ capacity: 40, dueDate: null, offsetDays: null, late: false, owner: { name: 'Jules (régie)' } });
		const dated = await updateLogisticsItem(ctx, alice, ev.slug, room.id, { dueDate: '2027-03-01', status: 'in-progress' }, NOW);
		expect(dated).toMatchObject({ dueDate: '2027-03-01', status: 'in-progress', capacity: 40, notes: 'Au 2e étage, ascenseur' });
		const done = await updateLogisticsItem(ctx, alice, ev.slug, room.id, { status: 'done' }, NOW);
		expect(done.status).toBe('done');
		expect((await getLogistics(ctx, alice, ev.slug, { now: NOW })).done).toBe(1);
		expect(
			await issuesOf(
				addLogisticsItem(ctx, alice, ev.slug, { category: 'fusée', title: '', capacity: -1, offsetDays: 3, dueDate: '2027-01-01' })
			)
		).toEqual(
			expect.arrayContaining([
				'category:errors.invalidChoice',
				'title:errors.required',
				'capacity:errors.tooSmall',
				'dueDate:planning.errors.timingBoth'
			])
		);
		await deleteLogisticsItem(ctx, alice, ev.slug, room.id);
		await expect(updateLogisticsItem(ctx, alice, ev.slug, room.id, { status: 'done' })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_catering_shows_no_registrations_rather_than_invented_numbers', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		expect((await getLogistics(ctx, alice, ev.slug)).catering).toEqual({ status: 'no-registrations' });
		expect(cateringNeedsFromRegistrations({ participants: 0, diets: {} })).toEqual({ status: 'no-registrations' });
		const page = await getLogistics(ctx, alice, ev.slug, {
			dietaryCounts: { participants: 115, diets: { vegetarian: 14, vegan: 3, 'gluten-free': 0 }, notes: [' allergie aux arachides ', ''] }
		});
		expect(page.catering).toEqual({
			status: 'counted',
			participants: 115,
			diets: [
				{ diet: 'vegetarian', count: 14 },
				{ diet: 'vegan', count: 3 }
			],
			withoutSpecialDiet: 98,
			notes: ['allergie aux arachides']
		});
	});

	it('test_permissions_outsider_404_readonly_403', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		await expect(getLogistics(ctx, stranger, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		expect((await getLogistics(ctx, reader, ev.slug)).items.length).toBe(LOGISTICS_TEMPLATE.length);
		await expect(addLogisticsItem(ctx, reader, ev.slug, { category: 'other', title: 'X' })).rejects.toBeInstanceOf(ForbiddenError);
	});
});

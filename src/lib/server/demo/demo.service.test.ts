import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { isEmpty, seedDemo } from './demo.service.ts';
import { getBudgetForApi } from '../budget/budget.service.ts';
import { getPublicReport } from '../reports/report.service.ts';
import { listWorkingGroups } from '../groups/groups.service.ts';
import { listPlaces } from '../directory/place.service.ts';

describe.each(DIALECTS)('demo data on %s', (dialect) => {
	let t: TestDb;
	beforeAll(async () => {
		t = await openTestDb(dialect);
	});
	afterAll(() => t.close());

	it('test_seedDemo_fills_an_empty_instance_with_a_whole_event', async () => {
		expect(await isEmpty(t)).toBe(true);
		const { organiser, events } = await seedDemo(t, 'http://localhost:3000', new Date('2026-11-22T10:00:00Z'));
		expect(events).toHaveLength(3);
		expect(await isEmpty(t)).toBe(false);
		const [main] = events;
		const ev = await t.db.selectFrom('event').select(['id', 'status']).where('slug', '=', main).executeTakeFirstOrThrow();
		expect(ev.status).toBe('published');
		const count = async (table: 'room' | 'speaker' | 'session' | 'registration' | 'planning_task') =>
			Number(
				(
					await t.db
						.selectFrom(table)
						.select((eb) => eb.fn.countAll().as('n'))
						.where('event_id', '=', ev.id)
						.executeTakeFirstOrThrow()
				).n
			);
		expect(await count('room')).toBe(3);
		expect(await count('speaker')).toBe(4);
		expect(await count('session')).toBe(9);
		expect(await count('registration')).toBe(3);
		expect(await count('planning_task')).toBeGreaterThanOrEqual(20);
		const budget = await getBudgetForApi({ db: t.db, publicUrl: 'http://localhost:3000' }, { id: organiser.id, isAdmin: true }, main);
		expect(budget.balanced).toBe(true);
		expect(budget.totals.chargesPlannedCents).toBe(1_234_000);
	});

	it('test_the_past_edition_has_what_comes_after_the_day_report_published_survey_answered_group_going_on', async () => {
		const past = (await t.db.selectFrom('event').select(['slug']).where('title', 'like', 'NEC de la Creuse%').executeTakeFirstOrThrow())
			.slug;
		const ctx = { db: t.db, publicUrl: 'http://localhost:3000' };
		const { report } = await getPublicReport(ctx, past);
		expect(report.participation?.registered).toBe(16);
		expect(report.participation?.attended).toBe(13);
		expect(report.satisfaction?.responses).toBe(10);
		expect(report.verbatims).toHaveLength(3);
		expect(report.preparation).toMatchObject({ meetings: 4, hours: 53, people: 2 });
		expect(report.review.toImprove).toHaveLength(3);
		const organiser = await t.db
			.selectFrom('user')
			.select('id')
			.where('email', '=', 'organisatrice@demo.maillage.test')
			.executeTakeFirstOrThrow();
		const groups = await listWorkingGroups(ctx, { id: organiser.id, isAdmin: true }, past);
		const places = await listPlaces(ctx, { departement: '23' });
		expect(places.total).toBe(3);
		expect(groups).toMatchObject([{ members: 3, notes: 1, session: { title: expect.stringContaining('accès aux droits') } }]);
	});
});

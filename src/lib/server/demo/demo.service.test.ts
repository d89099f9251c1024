import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestDb, type TestDb } from '../../../../tests/helpers/db.ts';
import { isEmpty, seedDemo } from './demo.service.ts';
import { getBudgetForApi } from '../budget/budget.service.ts';

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
});

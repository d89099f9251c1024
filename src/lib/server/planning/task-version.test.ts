import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { createTask, getTask, setTaskStatus, updateTask } from './task.service.ts';
import { addLogisticsItem, getLogisticsItem, updateLogisticsItem } from './logistics.service.ts';

const NOW = new Date('2027-03-01T10:00:00Z');

describe.each(DIALECTS)('task versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	async function aTask() {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const task = await createTask(ctx, alice, ev.slug, { title: 'Affiches', phase: 'production', dueDate: '2027-04-01' }, NOW);
		return { alice, slug: ev.slug, task };
	}

	it('test_updateTask_second_save_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { alice, slug, task } = await aTask();
		await updateTask(ctx, alice, slug, task.id, { notes: 'Par A' }, NOW, task.version);
		await expect(updateTask(ctx, alice, slug, task.id, { notes: 'Par B', title: 'B' }, NOW, task.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect(await getTask(ctx, alice, slug, task.id, NOW)).toMatchObject({ notes: 'Par A', title: 'Affiches', version: task.version + 1 });
	});

	it('test_updateTask_a_status_set_from_the_timeline_makes_an_open_form_stale', async () => {
		const { alice, slug, task } = await aTask();
		await setTaskStatus(ctx, alice, slug, task.id, 'done', NOW);
		await expect(updateTask(ctx, alice, slug, task.id, { notes: 'Formulaire ouvert avant' }, NOW, task.version)).rejects.toBeInstanceOf(
			StaleVersionError
		);
		expect((await getTask(ctx, alice, slug, task.id, NOW)).status).toBe('done');
	});

	it('test_updateTask_concurrent_saves_from_one_version_exactly_one_wins', async () => {
		const { alice, slug, task } = await aTask();
		const results = await Promise.allSettled(
			['Un', 'Deux', 'Trois'].map((notes) => updateTask(ctx, alice, slug, task.id, { notes }, NOW, task.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
	});

	it('test_updateLogisticsItem_a_status_set_from_the_checklist_makes_an_open_form_stale', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const item = await addLogisticsItem(ctx, alice, ev.slug, { category: 'rooms', title: 'Salle plénière', capacity: 120 }, NOW);
		await updateLogisticsItem(ctx, alice, ev.slug, item.id, { status: 'done' }, NOW);
		await expect(
			updateLogisticsItem(ctx, alice, ev.slug, item.id, { notes: 'Formulaire ouvert avant', status: 'todo' }, NOW, item.version)
		).rejects.toBeInstanceOf(StaleVersionError);
		const stored = await getLogisticsItem(ctx, alice, ev.slug, item.id, NOW);
		expect([stored.status, stored.notes, stored.version]).toEqual(['done', '', item.version + 1]);
		const results = await Promise.allSettled(
			['Un', 'Deux'].map((notes) => updateLogisticsItem(ctx, alice, ev.slug, item.id, { notes }, NOW, stored.version))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
	});
});

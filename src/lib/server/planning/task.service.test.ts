import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { updateEvent, type ServiceContext } from '../events/event.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import {
	applyPlanningTemplate,
	createTask,
	deleteTask,
	listTasks,
	listTasksForApi,
	seedPreparation,
	setTaskStatus,
	updateTask
} from './task.service.ts';
import { addCommitteeMember, listCommittee } from './committee.service.ts';
import { TASK_TEMPLATE } from './planning.template.ts';

const NOW = new Date('2026-12-15T10:00:00Z');

describe.each(DIALECTS)('retro-planning on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_new_event_gets_the_template_dated_from_its_first_day', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice); // starts 2027-06-10 09:00 Paris
		const { tasks, firstDay } = await listTasks(ctx, alice, ev.slug, NOW);
		expect(firstDay).toBe('2027-06-10');
		expect(tasks).toHaveLength(TASK_TEMPLATE.length);
		const byKey = new Map(tasks.map((x) => [x.templateKey, x]));
		expect(byKey.get('venue-requirements')).toMatchObject({
			offsetDays: -180,
			offsetLabel: 'J\u2212180',
			dueDate: '2026-12-12',
			kind: 'milestone',
			phase: 'framing'
		});
		expect(byKey.get('save-the-date')?.dueDate).toBe('2026-12-27');
		expect(byKey.get('label-request')?.dueDate).toBe('2027-01-31');
		expect(byKey.get('print-layout')?.dueDate).toBe('2027-05-11');
		expect(byKey.get('event-day')).toMatchObject({ dueDate: '2027-06-10', offsetLabel: 'J' });
		expect(byKey.get('satisfaction-survey')).toMatchObject({ dueDate: '2027-06-17', offsetLabel: 'J+7', phase: 'follow-up' });
		// Sorted by due date.
		expect(tasks.map((x) => x.dueDate)).toEqual([...tasks.map((x) => x.dueDate)].sort());
		// On 15 December 2026, what was due before is late; what falls this week is flagged.
		expect(byKey.get('themes')).toMatchObject({ dueDate: '2026-11-12', late: true });
		expect(byKey.get('venue-requirements')).toMatchObject({ late: true, thisWeek: false });
		expect(byKey.get('save-the-date')).toMatchObject({ late: false });
	});

	it('test_moving_the_event_moves_relative_tasks_and_keeps_fixed_ones', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const fixed = await createTask(ctx, alice, ev.slug, { title: 'Réserver le traiteur', phase: 'production', dueDate: '2027-04-01' }, NOW);
		expect(fixed).toMatchObject({ dueDate: '2027-04-01', offsetDays: null, offsetLabel: null });
		await updateEvent(ctx, alice, ev.slug, { startsAt: '2027-06-24T09:00', endsAt: '2027-06-25T17:00' });
		const { tasks } = await listTasks(ctx, alice, ev.slug, NOW);
		const byKey = new Map(tasks.map((x) => [x.templateKey, x]));
		expect(byKey.get('venue-requirements')?.dueDate).toBe('2026-12-26');
		expect(byKey.get('label-request')?.dueDate).toBe('2027-02-14');
		expect(byKey.get('satisfaction-survey')?.dueDate).toBe('2027-07-01');
		expect(tasks.find((x) => x.id === fixed.id)?.dueDate).toBe('2027-04-01');
	});

	it('test_first_day_is_the_paris_day_even_when_utc_is_the_day_before', async () => {
		const alice = await newUser(t.db);
		// 00:30 in Paris on the night of the change to summer time is still 27 March in UTC.
		const ev = await newPreparedEvent(ctx, alice, {
			startsAt: '2027-03-28T00:30',
			endsAt: '2027-03-28T18:00',
			label: { status: 'not_requested' }
		});
		const { firstDay, tasks } = await listTasks(ctx, alice, ev.slug, NOW);
		expect(firstDay).toBe('2027-03-28');
		expect(tasks.find((x) => x.templateKey === 'set-up')?.dueDate).toBe('2027-03-27');
		expect(tasks.find((x) => x.templateKey === 'event-day')?.dueDate).toBe('2027-03-28');
	});

	it('test_createTask_with_neither_date_nor_offset_is_refused_and_stores_nothing', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const before = (await listTasks(ctx, alice, ev.slug, NOW)).tasks.length;
		expect(await issuesOf(createTask(ctx, alice, ev.slug, { title: 'Sans date', phase: 'framing' }))).toEqual([
			'offsetDays:planning.errors.timingMissing'
		]);
		expect(
			await issuesOf(createTask(ctx, alice, ev.slug, { title: 'Deux dates', phase: 'framing', offsetDays: -10, dueDate: '2027-01-01' }))
		).toEqual(['dueDate:planning.errors.timingBoth']);
		expect(await issuesOf(createTask(ctx, alice, ev.slug, { title: '', phase: 'nope', offsetDays: 2.5 }))).toEqual(
			expect.arrayContaining(['title:errors.required', 'phase:errors.invalidChoice', 'offsetDays:planning.errors.offsetInvalid'])
		);
		expect(await issuesOf(createTask(ctx, alice, ev.slug, { title: 'Date fausse', phase: 'framing', dueDate: '2027-02-30' }))).toEqual([
			'dueDate:errors.date'
		]);
		// Every problem at once, the missing date included.
		expect(await issuesOf(createTask(ctx, alice, ev.slug, { title: '', phase: 'framing' }))).toEqual([
			'title:errors.required',
			'offsetDays:planning.errors.timingMissing'
		]);
		expect((await listTasks(ctx, alice, ev.slug, NOW)).tasks.length).toBe(before);
	});

	it('test_owner_is_a_team_member_or_committee_member_of_this_event_only', async () => {
		const alice = await newUser(t.db, { name: 'Alice Martin' });
		const ev = await newPreparedEvent(ctx, alice);
		const other = await newPreparedEvent(ctx, alice);
		const struct = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'structure', name: 'Médiathèque de Limoges', roles: ['stage'] });
		const foreign = await addCommitteeMember(ctx, alice, other.slug, { kind: 'structure', name: 'Ailleurs' });
		const mine = await createTask(
			ctx,
			alice,
			ev.slug,
			{ title: 'Signalétique', phase: 'production', offsetDays: -21, owner: { type: 'committee', id: struct.id } },
			NOW
		);
		expect(mine.owner).toEqual({ type: 'committee', id: struct.id, name: 'Médiathèque de Limoges' });
		const byAlice = await createTask(
			ctx,
			alice,
			ev.slug,
			{ title: 'Budget', phase: 'framing', offsetDays: -190, owner: { type: 'member', id: alice.id } },
			NOW
		);
		expect(byAlice.owner).toEqual({ type: 'member', id: alice.id, name: 'Alice Martin' });
		expect(
			await issuesOf(
				createTask(ctx, alice, ev.slug, { title: 'X', phase: 'framing', offsetDays: -1, owner: { type: 'committee', id: foreign.id } })
			)
		).toEqual(['owner:planning.errors.ownerUnknown']);
		const stranger = await newUser(t.db);
		expect(
			await issuesOf(
				createTask(ctx, alice, ev.slug, { title: 'X', phase: 'framing', offsetDays: -1, owner: { type: 'member', id: stranger.id } })
			)
		).toEqual(['owner:planning.errors.ownerUnknown']);
	});

	it('test_outsiders_get_not_found_and_readonly_members_cannot_change', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		await expect(listTasks(ctx, stranger, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(listTasksForApi(ctx, null, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(createTask(ctx, stranger, ev.slug, { title: 'X', phase: 'framing', offsetDays: 1 })).rejects.toBeInstanceOf(NotFoundError);
		expect((await listTasks(ctx, reader, ev.slug)).tasks.length).toBe(TASK_TEMPLATE.length);
		await expect(createTask(ctx, reader, ev.slug, { title: 'X', phase: 'framing', offsetDays: 1 })).rejects.toBeInstanceOf(ForbiddenError);
		const first = (await listTasks(ctx, alice, ev.slug)).tasks[0];
		await expect(setTaskStatus(ctx, reader, ev.slug, first.id, 'done')).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteTask(ctx, stranger, ev.slug, first.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_updateTask_partial_switches_between_offset_and_fixed_date', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const task = await createTask(ctx, alice, ev.slug, { title: 'Captation', phase: 'production', offsetDays: -30 }, NOW);
		const fixed = await updateTask(ctx, alice, ev.slug, task.id, { dueDate: '2027-05-02' }, NOW);
		expect(fixed).toMatchObject({ title: 'Captation', dueDate: '2027-05-02', offsetDays: null });
		const back = await updateTask(ctx, alice, ev.slug, task.id, { offsetDays: 7, status: 'in-progress' }, NOW);
		expect(back).toMatchObject({ dueDate: '2027-06-17', offsetDays: 7, status: 'in-progress' });
		const done = await setTaskStatus(ctx, alice, ev.slug, task.id, 'done', NOW);
		expect(done.status).toBe('done');
		expect(done.completedAt).not.toBeNull();
		expect(await issuesOf(updateTask(ctx, alice, ev.slug, task.id, { offsetDays: null }))).toEqual([
			'offsetDays:planning.errors.timingMissing'
		]);
		expect((await listTasks(ctx, alice, ev.slug, NOW)).tasks.find((x) => x.id === task.id)?.offsetDays).toBe(7);
		await deleteTask(ctx, alice, ev.slug, task.id);
		await expect(updateTask(ctx, alice, ev.slug, task.id, { title: 'Y' })).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_template_applied_twice_adds_nothing_and_brings_the_organisers_into_the_committee', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		expect(await seedPreparation(t.db, ev.id)).toEqual({ tasks: 0, logistics: 0 });
		expect(await applyPlanningTemplate(ctx, alice, ev.slug)).toEqual({ tasks: 0, logistics: 0 });
		expect((await listTasks(ctx, alice, ev.slug)).tasks.length).toBe(TASK_TEMPLATE.length);
		const { members } = await listCommittee(ctx, alice, ev.slug);
		expect(members.map((m) => [m.kind, m.name])).toEqual([['structure', 'Hub Nouvelle-Aquitaine']]);
		// A deleted template task comes back only when the template is applied again.
		const label = (await listTasks(ctx, alice, ev.slug)).tasks.find((x) => x.templateKey === 'label-request')!;
		await deleteTask(ctx, alice, ev.slug, label.id);
		expect(await applyPlanningTemplate(ctx, alice, ev.slug)).toEqual({ tasks: 1, logistics: 0 });
	});

	it('test_api_view_has_the_contract_fields', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const tasks = await listTasksForApi(ctx, alice, ev.slug, NOW);
		const survey = tasks.find((x) => x.title === 'Envoyer le questionnaire de satisfaction')!;
		expect(survey).toMatchObject({ phase: 'follow-up', dueDate: '2027-06-17', offsetDays: 7, status: 'todo', owner: null });
		expect(Object.keys(survey)).toEqual(expect.arrayContaining(['id', 'title', 'phase', 'dueDate', 'offsetDays', 'status', 'owner']));
	});
});

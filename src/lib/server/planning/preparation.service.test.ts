import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { eventInput, newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, balancedBudgetLines, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import { createEvent, type ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { addCommitteeMember, addMeeting, addTimeEntry, listCommittee, listMeetings } from './committee.service.ts';
import { getPreparationOverview } from './preparation.service.ts';
import { createTask, listTasks, setTaskStatus } from './task.service.ts';
import { addLogisticsItem, getLogistics } from './logistics.service.ts';
import { getBudget, replaceBudget } from '../budget/budget.service.ts';
import type { KyselyPlugin } from 'kysely';
import { TASK_TEMPLATE } from './planning.template.ts';

describe.each(DIALECTS)('preparation overview on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_overview_counts_months_hours_meetings_and_people_for_the_report', async () => {
		const alice = await newUser(t.db, { email: `alice-overview-${dialect}@exemple.fr` });
		const bob = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] }); // J = 2027-06-10
		await addTeamMember(t.db, ev.id, bob.id, 'organiser');
		const hub = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'structure', name: 'Hub' });
		// Alice is in the committee too, under her account's address: she counts once.
		const aliceInCommittee = await addCommitteeMember(ctx, alice, ev.slug, {
			kind: 'person',
			name: 'Alice',
			email: alice.email,
			structureId: hub.id
		});
		const awa = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Awa' });
		await addMeeting(ctx, alice, ev.slug, { heldOn: '2026-11-10', title: 'Lancement' });
		await addMeeting(ctx, alice, ev.slug, { heldOn: '2026-12-01', title: 'Programme' });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: aliceInCommittee.id, phase: 'framing', minutes: 100 * 60, spentOn: '2026-11-05' });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: awa.id, phase: 'production', minutes: 40 * 60 });
		await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		const now = new Date('2026-12-15T10:00:00Z');
		const first = (await listTasks(ctx, alice, ev.slug, now)).tasks[0];
		await setTaskStatus(ctx, alice, ev.slug, first.id, 'done', now);

		const o = await getPreparationOverview(ctx, alice, ev.slug, now);
		expect(o.figures).toMatchObject({ since: '2026-11-05', months: 7, totalMinutes: 140 * 60, meetings: 2, people: 3, structures: 1 });
		expect(o.tasks.total).toBe(TASK_TEMPLATE.length);
		expect(o.tasks.done).toBe(1);
		// Due before 15 Dec: 12 Nov (done), 22 Nov, 2 Dec and twice 12 Dec.
		expect(o.tasks.late).toBe(4);
		expect(o.tasks.nextMilestones.map((m) => m.dueDate)).toEqual(['2026-12-27', '2027-01-31', '2027-03-12']);
		expect(o.logistics.total).toBeGreaterThan(10);
		expect(o.budget).toMatchObject({ balanced: true, inKindBalanced: true, lines: 10 });
		await expect(getPreparationOverview(ctx, null, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('test_list_pages_run_the_same_number_of_queries_for_one_item_or_many', async () => {
		const alice = await newUser(t.db);
		let queries = 0;
		const counter: KyselyPlugin = {
			transformQuery: (args) => {
				queries++;
				return args.node;
			},
			transformResult: async (args) => args.result
		};
		const counted: ServiceContext = { ...ctx, db: t.db.withPlugin(counter) };
		const small = await createEvent(ctx, alice, eventInput({ organisers: [] }));
		await createTask(ctx, alice, small.slug, {
			title: 'Seule tâche',
			phase: 'framing',
			offsetDays: -30,
			owner: { type: 'member', id: alice.id }
		});
		const lone = await addCommitteeMember(ctx, alice, small.slug, { kind: 'person', name: 'Seule personne' });
		await addMeeting(ctx, alice, small.slug, { heldOn: '2026-11-10', title: 'Seule réunion', attendeeIds: [lone.id] });
		await addLogisticsItem(ctx, alice, small.slug, { category: 'rooms', title: 'Seule salle' });
		await replaceBudget(ctx, alice, small.slug, { lines: balancedBudgetLines().slice(0, 1) });
		const big = await newPreparedEvent(ctx, alice);
		const awa = await addCommitteeMember(ctx, alice, big.slug, { kind: 'person', name: 'Awa' });
		await createTask(ctx, alice, big.slug, {
			title: 'Tâche d’Awa',
			phase: 'framing',
			offsetDays: -30,
			owner: { type: 'committee', id: awa.id }
		});
		await addMeeting(ctx, alice, big.slug, { heldOn: '2026-11-10', title: 'Lancement', attendeeIds: [awa.id] });
		await replaceBudget(ctx, alice, big.slug, { lines: balancedBudgetLines() });
		const count = async (run: (slug: string) => Promise<unknown>) => {
			const per: number[] = [];
			for (const slug of [small.slug, big.slug]) {
				queries = 0;
				await run(slug);
				per.push(queries);
			}
			return per;
		};
		for (const run of [
			(slug: string) => listTasks(counted, alice, slug),
			(slug: string) => getLogistics(counted, alice, slug),
			(slug: string) => listCommittee(counted, alice, slug),
			(slug: string) => listMeetings(counted, alice, slug),
			(slug: string) => getBudget(counted, alice, slug),
			(slug: string) => getPreparationOverview(counted, alice, slug)
		]) {
			const [one, many] = await count(run);
			expect(many, String(run)).toBe(one);
		}
	});
});

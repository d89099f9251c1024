/**
 * The preparation at a glance, and the figures organisers put in their report: "7 months,
 * 140 hours, 10 meetings, 17 people", with what is late, due this week and the next milestones.
 */
import { toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { loadBudgetView } from '../budget/budget.service.ts';
import { parisDay } from '../../time.ts';
import { eventForPreparation } from './event-access.ts';
import { daysBetween, firstDayOf, isOpen, todayIn } from './planning.rules.ts';
import { listTaskViews } from './task.service.ts';
import { listCommitteeViews, listTimeViews } from './committee.service.ts';
import { listLogisticsViews } from './logistics.service.ts';
import { listMeetingRows, listTeamForOwners } from './committee.queries.ts';

/** Average days in a month, to say "7 months" of preparation the way people count them. */
const DAYS_PER_MONTH = 30.44;

/**
 * The overview page: tasks done, late and due this week, the next three milestones, the
 * report's figures (months since the first trace of work, hours, meetings, people counted once),
 * the checklist's progress and the budget's totals. Read-only; 404 for anyone outside the team.
 */
export async function getPreparationOverview(ctx: ServiceContext, actor: Actor, slug: string, now: Date = new Date()) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const today = todayIn(now);
	const firstDay = firstDayOf(toIso(event.starts_at));
	const [tasks, members, meetings, time, items, team, budget] = await Promise.all([
		listTaskViews(ctx.db, event, now),
		listCommitteeViews(ctx.db, event.id),
		listMeetingRows(ctx.db, event.id),
		listTimeViews(ctx.db, event.id),
		listLogisticsViews(ctx.db, event, now),
		listTeamForOwners(ctx.db, event.id),
		loadBudgetView(ctx.db, event.id)
	]);
	const people = members.filter((m) => m.kind === 'person');
	// Team members count once, even when they are also in the committee under the same address.
	const committeeAddresses = new Set(people.map((p) => p.email?.toLowerCase()).filter(Boolean));
	const peopleCount = people.length + team.filter((u) => !committeeAddresses.has(u.email.toLowerCase())).length;
	const starts = [
		parisDay(toIso(event.created_at)),
		...meetings.map((m) => m.held_on),
		...time.map((e) => e.spentOn).filter((d): d is string => !!d)
	].sort();
	const since = starts[0];
	const totalMinutes = time.reduce((a, e) => a + e.minutes, 0);
	return {
		role,
		today,
		firstDay,
		figures: {
			since,
			months: Math.max(0, Math.round(daysBetween(since, firstDay) / DAYS_PER_MONTH)),
			totalMinutes,
			meetings: meetings.length,
			people: peopleCount,
			structures: members.filter((m) => m.kind === 'structure').length
		},
		tasks: {
			total: tasks.length,
			done: tasks.filter((x) => !isOpen(x.status)).length,
			late: tasks.filter((x) => x.late).length,
			thisWeek: tasks.filter((x) => x.thisWeek && isOpen(x.status)).length,
			nextMilestones: tasks.filter((x) => x.kind === 'milestone' && isOpen(x.status) && x.dueDate >= today).slice(0, 3)
		},
		logistics: {
			total: items.length,
			done: items.filter((i) => !isOpen(i.status)).length,
			late: items.filter((i) => i.late).length
		},
		budget: { totals: budget.totals, balanced: budget.balanced, inKindBalanced: budget.inKindBalanced, lines: budget.lines.length }
	};
}

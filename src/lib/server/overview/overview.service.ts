/**
 * The event's overview for its team: live figures from every area and the next steps the rules
 * draw from them (overview.rules.ts). Read-only. This area sits above the others: it reads their
 * services and nothing imports it but the overview page.
 */
import type { Actor } from '../auth/permissions.ts';
import type { Lang } from '../../i18n/index.ts';
import { getEventForTeam, type ServiceContext } from '../events/event.service.ts';
import { findEventBySlug } from '../events/event.queries.ts';
import { NotFoundError } from '../validation.ts';
import { parisDay } from '../../time.ts';
import { listTaskViews } from '../planning/task.service.ts';
import { isOpen, todayIn } from '../planning/planning.rules.ts';
import { loadBudgetView } from '../budget/budget.service.ts';
import { getTeamProgramme } from '../programme/programme.service.ts';
import { loadRegistrationEvent, registrationWindow } from '../registrations/registration-event.ts';
import { computeStats } from '../registrations/participants.service.ts';
import { loadSurvey } from '../surveys/survey.service.ts';
import { countResponses } from '../surveys/survey.queries.ts';
import { findReportRow } from '../reports/report.queries.ts';
import { nextSteps, responseRate, type NextStep } from './overview.rules.ts';

export interface EventOverview {
	figures: {
		participants: number;
		capacity: number | null;
		placesLeft: number | null;
		waitlisted: number;
		structures: number;
		checkedIn: number;
		registrationWindow: string;
		closesAt: string;
		tasksLate: number;
		tasksOpen: number;
		sessions: number;
		conflicts: number;
		speakers: number;
		speakersWaiting: number;
		budgetChargesCents: number;
		budgetProduitsCents: number;
		budgetGapCents: number;
		labelStatus: string;
		labelDeadline: string;
		survey: { status: string; responses: number; rate: number | null } | null;
		reportPublished: boolean;
	};
	steps: NextStep[];
	/** Where the event is in its life, to open the right group of the menu first. */
	phase: 'prepare' | 'day' | 'after';
}

/**
 * Everything the overview shows, for any member of the team (NotFoundError otherwise). A dozen
 * queries whatever the event's size: each area's own read, in parallel.
 */
export async function getEventOverview(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	lang: Lang = 'fr',
	now: Date = new Date()
): Promise<EventOverview> {
	const event = await getEventForTeam(ctx, actor, slug);
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	const [tasks, budget, programme, loaded, survey, report] = await Promise.all([
		listTaskViews(ctx.db, row, now),
		loadBudgetView(ctx.db, row.id),
		getTeamProgramme(ctx, actor, slug, lang),
		loadRegistrationEvent(ctx.db, { id: row.id }),
		loadSurvey(ctx.db, row.id, now),
		findReportRow(ctx.db, row.id)
	]);
	const [stats, responses] = await Promise.all([
		computeStats(ctx, loaded),
		survey ? countResponses(ctx.db, survey.id) : Promise.resolve(0)
	]);
	const today = todayIn(now);
	const firstDay = parisDay(event.startsAt);
	const lastDay = parisDay(event.endsAt);
	const capacity = loaded.settings.capacity;
	const window = registrationWindow(loaded, now);
	const gap = budget.totals.chargesPlannedCents - budget.totals.produitsPlannedCents;
	const speakersWaiting = programme.speakers.filter((s) => s.status === 'invited' && s.sessionIds.length > 0).length;
	const openTasks = tasks.filter((t) => isOpen(t.status));
	const steps = nextSteps({
		today,
		firstDay,
		lastDay,
		status: event.status,
		label: { status: event.label.status, deadline: event.label.deadline },
		tasks: tasks.map((t) => ({ id: t.id, title: t.title, dueDate: t.dueDate, late: t.late, open: isOpen(t.status) })),
		sessions: programme.sessions.length,
		conflicts: programme.conflicts.length,
		speakersWaiting,
		registration: { window, participants: stats.participants, capacity, waitlisted: stats.waitlisted },
		budget: { lines: budget.lines.length, gapCents: gap },
		survey: { exists: survey !== null, status: survey?.status ?? null, responses },
		reportPublished: Number(report?.published ?? 0) === 1
	});
	return {
		figures: {
			participants: stats.participants,
			capacity,
			placesLeft: capacity === null ? null : Math.max(0, capacity - stats.participants),
			waitlisted: stats.waitlisted,
			structures: stats.structures,
			checkedIn: stats.checkedIn,
			registrationWindow: window,
			closesAt: loaded.settings.closesAt,
			tasksLate: openTasks.filter((t) => t.late).length,
			tasksOpen: openTasks.length,
			sessions: programme.sessions.length,
			conflicts: programme.conflicts.length,
			speakers: programme.speakers.length,
			speakersWaiting,
			budgetChargesCents: budget.totals.chargesPlannedCents,
			budgetProduitsCents: budget.totals.produitsPlannedCents,
			budgetGapCents: gap,
			labelStatus: event.label.status,
			labelDeadline: event.label.deadline,
			survey: survey ? { status: survey.status, responses, rate: responseRate(responses, stats.checkedIn) } : null,
			reportPublished: Number(report?.published ?? 0) === 1
		},
		steps,
		phase: today > lastDay ? 'after' : today >= firstDay ? 'day' : 'prepare'
	};
}

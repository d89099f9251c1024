/**
 * The event's overview: what its first page says is to be done next, drawn from its state. Pure:
 * the service gathers the state, these rules turn it into an ordered list of steps, each with a
 * message key, its parameters and the page where the step is done.
 */

export type StepSeverity = 'late' | 'soon' | 'todo';

export interface NextStep {
	/** i18n key under `overview.steps.` */
	key: string;
	params: Record<string, string | number>;
	/** Path under the event's organiser base (`/organisateur/e/{slug}`), '' for the overview. */
	path: string;
	severity: StepSeverity;
}

export interface OverviewState {
	today: string;
	/** First and last days of the event (`YYYY-MM-DD`, Paris). */
	firstDay: string;
	lastDay: string;
	status: 'draft' | 'published' | 'archived';
	label: { status: string; deadline: string };
	tasks: { id: string; title: string; dueDate: string; late: boolean; open: boolean }[];
	sessions: number;
	conflicts: number;
	speakersWaiting: number;
	registration: { window: string; participants: number; capacity: number | null; waitlisted: number };
	budget: { lines: number; gapCents: number };
	survey: { exists: boolean; status: string | null; responses: number };
	reportPublished: boolean;
}

/** How many late tasks the overview names one by one before summing up the rest. */
export const NAMED_LATE_TASKS = 3;
/** A task due within this many days is "soon". */
export const SOON_DAYS = 14;
/** The survey is sent about a week after the event (field notes): suggested from the last day on. */
const SURVEY_AFTER_DAYS = 0;

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
export const daysFrom = (from: string, to: string) => dayNumber(to) - dayNumber(from);

const SEVERITY_RANK: Record<StepSeverity, number> = { late: 0, soon: 1, todo: 2 };

/**
 * Next steps, the late first, then the soon, then the rest, in the order of the event's life
 * (prepare, programme, register, the day, afterwards) inside each group.
 */
export function nextSteps(s: OverviewState): NextStep[] {
	const steps: NextStep[] = [];
	const before = s.today <= s.lastDay;
	const after = s.today > s.lastDay;

	// Prepare: the label (4 months ahead), then the retro-planning.
	if (before && s.label.status === 'not_requested') {
		const days = daysFrom(s.today, s.label.deadline);
		steps.push(
			days < 0
				? { key: 'labelLate', params: { count: -days }, path: '/label', severity: 'late' }
				: { key: 'labelDue', params: { count: days }, path: '/label', severity: days <= SOON_DAYS ? 'soon' : 'todo' }
		);
	}
	const late = s.tasks.filter((t) => t.open && t.late).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
	for (const t of late.slice(0, NAMED_LATE_TASKS))
		steps.push({
			key: 'taskLate',
			params: { title: t.title, count: daysFrom(t.dueDate, s.today) },
			path: `/retroplanning/${t.id}`,
			severity: 'late'
		});
	if (late.length > NAMED_LATE_TASKS)
		steps.push({ key: 'moreLate', params: { count: late.length - NAMED_LATE_TASKS }, path: '/retroplanning', severity: 'late' });
	const soon = s.tasks.filter((t) => t.open && !t.late && daysFrom(s.today, t.dueDate) <= SOON_DAYS);
	if (soon.length)
		steps.push({ key: 'tasksSoon', params: { count: soon.length, days: SOON_DAYS }, path: '/retroplanning', severity: 'soon' });
	if (before && s.budget.lines === 0) steps.push({ key: 'budgetEmpty', params: {}, path: '/budget', severity: 'todo' });
	else if (s.budget.gapCents !== 0)
		steps.push({
			key: 'budgetGap',
			params: { amount: Math.abs(s.budget.gapCents) / 100, side: s.budget.gapCents > 0 ? 'charges' : 'produits' },
			path: '/budget',
			severity: 'todo'
		});

	// Programme.
	if (before && s.sessions === 0) steps.push({ key: 'programmeEmpty', params: {}, path: '/programme/sessions/nouvelle', severity: 'todo' });
	if (s.conflicts > 0) steps.push({ key: 'conflicts', params: { count: s.conflicts }, path: '/programme', severity: 'soon' });
	if (before && s.speakersWaiting > 0)
		steps.push({ key: 'speakersWaiting', params: { count: s.speakersWaiting }, path: '/programme/intervenants', severity: 'soon' });

	// Registrations.
	if (before && s.status === 'draft' && s.sessions > 0) steps.push({ key: 'publish', params: {}, path: '', severity: 'todo' });
	if (before && s.registration.window === 'open' && s.registration.capacity !== null) {
		const left = s.registration.capacity - s.registration.participants;
		if (left <= 0 && s.registration.waitlisted > 0)
			steps.push({ key: 'full', params: { count: s.registration.waitlisted }, path: '/inscriptions/parametres', severity: 'soon' });
	}
	if (before && daysFrom(s.today, s.firstDay) <= 7 && s.registration.participants > 0)
		steps.push({ key: 'prepareDesk', params: {}, path: '/badges', severity: 'soon' });

	// Afterwards.
	if (after && daysFrom(s.lastDay, s.today) >= SURVEY_AFTER_DAYS && s.status !== 'draft') {
		if (!s.survey.exists) steps.push({ key: 'surveyCreate', params: {}, path: '/questionnaire', severity: 'soon' });
		else if (s.survey.status === 'open' && s.survey.responses === 0)
			steps.push({ key: 'surveyNoAnswer', params: {}, path: '/campagnes', severity: 'todo' });
		if (!s.reportPublished) steps.push({ key: 'report', params: {}, path: '/bilan', severity: 'todo' });
	}
	return steps
		.map((step, i) => ({ step, i }))
		.sort((a, b) => SEVERITY_RANK[a.step.severity] - SEVERITY_RANK[b.step.severity] || a.i - b.i)
		.map((x) => x.step);
}

/** Survey response rate in whole percent of the people who came (null before anyone came). */
export function responseRate(responses: number, attended: number): number | null {
	if (attended <= 0) return null;
	return Math.min(100, Math.round((responses / attended) * 100));
}

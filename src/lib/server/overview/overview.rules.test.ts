import { describe, expect, it } from 'vitest';
import { nextSteps, responseRate, type OverviewState } from './overview.rules.ts';

const state = (over: Partial<OverviewState> = {}): OverviewState => ({
	today: '2027-01-20',
	firstDay: '2027-06-10',
	lastDay: '2027-06-11',
	status: 'published',
	label: { status: 'granted', deadline: '2027-02-10' },
	tasks: [],
	sessions: 5,
	conflicts: 0,
	speakersWaiting: 0,
	registration: { window: 'open', participants: 10, capacity: 100, waitlisted: 0 },
	budget: { lines: 4, gapCents: 0 },
	survey: { exists: false, status: null, responses: 0 },
	reportPublished: false,
	...over
});

describe('next steps', () => {
	it('test_next_steps_nothing_to_do_when_everything_is_up_to_date', () => {
		expect(nextSteps(state())).toEqual([]);
	});

	it('test_next_steps_label_deadline_counts_days_and_turns_late_once_passed', () => {
		const due = nextSteps(state({ label: { status: 'not_requested', deadline: '2027-02-01' } }));
		expect(due).toEqual([{ key: 'labelDue', params: { count: 12 }, path: '/label', severity: 'soon' }]);
		const late = nextSteps(state({ label: { status: 'not_requested', deadline: '2027-01-15' } }));
		expect(late[0]).toMatchObject({ key: 'labelLate', params: { count: 5 }, severity: 'late' });
	});

	it('test_next_steps_late_tasks_first_oldest_first_then_summed_up_past_three', () => {
		const tasks = ['2027-01-10', '2027-01-01', '2027-01-05', '2026-12-20', '2027-01-15'].map((d, i) => ({
			id: `t${i}`,
			title: `Tâche ${i}`,
			dueDate: d,
			late: true,
			open: true
		}));
		tasks.push({ id: 'done', title: 'Faite', dueDate: '2026-12-01', late: false, open: false });
		const steps = nextSteps(state({ tasks, conflicts: 2 }));
		expect(steps.map((s) => s.key)).toEqual(['taskLate', 'taskLate', 'taskLate', 'moreLate', 'conflicts']);
		expect(steps[0]).toMatchObject({ params: { title: 'Tâche 3', count: 31 }, path: '/retroplanning/t3' });
		expect(steps[3].params).toEqual({ count: 2 });
	});

	it('test_next_steps_after_the_event_ask_for_the_survey_and_the_report', () => {
		const after = state({ today: '2027-06-14', speakersWaiting: 3 });
		expect(nextSteps(after).map((s) => s.key)).toEqual(['surveyCreate', 'report']);
		const open = state({ today: '2027-06-14', survey: { exists: true, status: 'open', responses: 0 }, reportPublished: true });
		expect(nextSteps(open).map((s) => s.key)).toEqual(['surveyNoAnswer']);
	});

	it('test_next_steps_budget_gap_names_the_side_in_excess', () => {
		expect(nextSteps(state({ budget: { lines: 3, gapCents: 25_000 } }))[0]).toMatchObject({
			key: 'budgetGap',
			params: { amount: 250, side: 'charges' }
		});
		expect(nextSteps(state({ budget: { lines: 0, gapCents: 0 } }))[0].key).toBe('budgetEmpty');
	});

	it('test_next_steps_draft_with_sessions_asks_to_publish_and_a_full_event_points_to_capacity', () => {
		expect(nextSteps(state({ status: 'draft' })).map((s) => s.key)).toEqual(['publish']);
		const full = nextSteps(state({ registration: { window: 'open', participants: 100, capacity: 100, waitlisted: 4 } }));
		expect(full).toEqual([{ key: 'full', params: { count: 4 }, path: '/inscriptions/parametres', severity: 'soon' }]);
	});

	it('test_response_rate_of_the_people_who_came', () => {
		expect(responseRate(3, 0)).toBeNull();
		expect(responseRate(1, 3)).toBe(33);
	});
});

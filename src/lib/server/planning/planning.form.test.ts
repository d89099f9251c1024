import { describe, expect, it } from 'vitest';
import { issuesThrownBy } from '../../../../tests/helpers/service.ts';
import { logisticsFormToInput, meetingFormToInput, taskFormToInput, timeFormToInput, type TaskFormValues } from './planning.form.ts';

const task = (v: Partial<TaskFormValues>): TaskFormValues => ({
	title: 'Affiches',
	kind: 'task',
	phase: 'production',
	timing: 'relative',
	offset: '',
	dueDate: '',
	owner: '',
	status: 'todo',
	notes: '',
	version: '',
	...v
});

describe('preparation forms', () => {
	it('test_task_form_reads_offsets_as_typed_and_owner_choices', () => {
		const owner = '0f8fad5b-d9cb-469f-a165-70867728950e';
		expect(taskFormToInput(task({ offset: 'J−30', owner: `committee:${owner}` }))).toMatchObject({
			offsetDays: -30,
			dueDate: null,
			owner: { type: 'committee', id: owner }
		});
		expect(taskFormToInput(task({ timing: 'fixed', offset: 'J-30', dueDate: '2027-03-01' }))).toMatchObject({
			offsetDays: null,
			dueDate: '2027-03-01',
			owner: null
		});
		// Only a date typed: it is a fixed date even without the radio.
		expect(taskFormToInput(task({ timing: '', dueDate: '2027-03-01' }))).toMatchObject({ offsetDays: null, dueDate: '2027-03-01' });
	});

	it('test_task_form_reports_a_bad_offset_with_the_other_problems', () => {
		expect(issuesThrownBy(() => taskFormToInput(task({ title: '', offset: 'dans un mois' })))).toEqual([
			'offsetDays:planning.errors.offsetInvalid',
			'title:errors.required'
		]);
	});

	it('test_logistics_form_capacity_and_no_due_date', () => {
		expect(logisticsFormToInput({ ...task({}), category: 'rooms', capacity: '120', timing: 'none' })).toMatchObject({
			capacity: 120,
			offsetDays: null,
			dueDate: null
		});
		expect(issuesThrownBy(() => logisticsFormToInput({ ...task({}), category: 'rooms', capacity: 'cent', timing: 'none' }))).toEqual([
			'capacity:errors.integer'
		]);
	});

	it('test_meeting_duration_in_hours_and_time_in_hours_or_days', () => {
		const m = {
			heldOn: '2026-12-01',
			title: 'Comité',
			duration: '1,5',
			place: '',
			attendeeIds: [],
			otherAttendees: '',
			notes: '',
			decisions: '',
			version: ''
		};
		expect(meetingFormToInput(m)).toMatchObject({ durationMinutes: 90 });
		expect(issuesThrownBy(() => meetingFormToInput({ ...m, duration: 'une heure', title: '' }))).toEqual([
			'durationMinutes:committee.errors.durationInvalid',
			'title:errors.required'
		]);
		const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
		const time = { memberId: id, phase: 'framing', quantity: '2,5', unit: 'days', spentOn: '', description: '', version: '' };
		expect(timeFormToInput(time)).toMatchObject({ minutes: 2.5 * 7 * 60, spentOn: null });
		expect(timeFormToInput({ ...time, unit: 'hours', quantity: '0,25' })).toMatchObject({ minutes: 15 });
		expect(issuesThrownBy(() => timeFormToInput({ ...time, quantity: '-2' }))).toEqual(['minutes:committee.errors.timeInvalid']);
		expect(issuesThrownBy(() => timeFormToInput({ ...time, quantity: '1,255', phase: '' }))).toEqual([
			'minutes:committee.errors.timeInvalid',
			'phase:errors.invalidChoice'
		]);
	});
});

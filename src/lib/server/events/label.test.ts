import { describe, expect, it } from 'vitest';
import { labelDeadline, labelWarning } from './label.ts';

const start = '2027-06-10T07:00:00.000Z'; // 10 June 2027, 9:00 in Paris

describe('label rules', () => {
	it('test_labelDeadline_is_four_months_before_in_paris', () => {
		expect(labelDeadline(start)).toBe('2027-02-10');
	});
	it('test_labelWarning_request_after_deadline_is_late', () => {
		expect(labelWarning({ status: 'requested', requestedOn: '2027-02-11' }, start)).toBe('late-request');
		expect(labelWarning({ status: 'granted', requestedOn: '2027-02-10' }, start)).toBeNull();
	});
	it('test_labelWarning_no_request_after_deadline_passed', () => {
		expect(labelWarning({ status: 'not_requested', requestedOn: null }, start, new Date('2027-03-01T10:00:00Z'))).toBe('deadline-passed');
	});
	it('test_labelWarning_no_request_deadline_within_30_days', () => {
		expect(labelWarning({ status: 'not_requested', requestedOn: null }, start, new Date('2027-01-20T10:00:00Z'))).toBe('deadline-soon');
		expect(labelWarning({ status: 'not_requested', requestedOn: null }, start, new Date('2026-11-20T10:00:00Z'))).toBeNull();
	});
	it('test_labelWarning_past_event_no_warning', () => {
		expect(labelWarning({ status: 'not_requested', requestedOn: null }, start, new Date('2027-07-01T10:00:00Z'))).toBeNull();
	});
});

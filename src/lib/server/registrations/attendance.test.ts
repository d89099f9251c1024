import { describe, expect, it } from 'vitest';
import { attendedSession } from './attendance.ts';

const morning = '2027-06-10T08:00:00.000Z'; // 10:00 in Paris
const came = new Set(['2027-06-10:am']);

describe('attendedSession', () => {
	it('test_attendedSession_open_session_counts_whoever_came_on_its_half_day', () => {
		const plenary = { id: 'p', startsAt: morning, requiresRegistration: false, format: 'plenary' };
		expect(attendedSession(plenary, new Set(), came)).toBe(true);
		expect(attendedSession(plenary, new Set(), new Set(['2027-06-10:pm']))).toBe(false);
	});

	it('test_attendedSession_workshop_needs_a_seat_and_a_checkin_on_its_half_day', () => {
		const workshop = { id: 'w', startsAt: morning, requiresRegistration: true, format: 'workshop' };
		expect(attendedSession(workshop, new Set(['w']), came)).toBe(true);
		expect(attendedSession(workshop, new Set(), came)).toBe(false);
		expect(attendedSession(workshop, new Set(['w']), new Set())).toBe(false);
	});

	it('test_attendedSession_break_is_nobodys_session', () => {
		expect(attendedSession({ id: 'b', startsAt: morning, requiresRegistration: false, format: 'break' }, new Set(), came)).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { meetingSlots } from './meeting-slots.ts';

describe('meeting slots', () => {
	it('test_slots_cut_informal_times_in_quarters_and_drop_partial_ones', () => {
		const slots = meetingSlots([
			{ title: 'Déjeuner', startsAt: '2027-06-10T10:30:00.000Z', endsAt: '2027-06-10T11:10:00.000Z', room: 'Hall' },
			{ title: 'Pause', startsAt: '2027-06-10T08:00:00.000Z', endsAt: '2027-06-10T08:15:00.000Z', room: null }
		]);
		expect(slots.map((s) => [s.startsAt.slice(11, 16), s.during])).toEqual([
			['08:00', 'Pause'],
			['10:30', 'Déjeuner'],
			['10:45', 'Déjeuner']
		]);
	});
});

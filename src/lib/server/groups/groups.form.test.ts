import { describe, expect, it } from 'vitest';
import { groupFormDefaults, groupFormValues } from './groups.form.ts';

describe('working group forms', () => {
	it('test_group_form_reads_every_field_as_typed_and_shows_the_meeting_in_paris_time', () => {
		const form = new FormData();
		form.append('title', ' Guide ');
		form.append('nextMeetingMinutes', '90');
		expect(groupFormValues(form)).toEqual({
			title: ' Guide ',
			purpose: '',
			sessionId: '',
			status: '',
			nextMeetingAt: '',
			nextMeetingMinutes: '90',
			nextMeetingPlace: '',
			nextStatus: '',
			outputs: ''
		});
		const defaults = groupFormDefaults({
			id: 'g',
			title: 'Guide',
			purpose: '',
			status: 'active',
			session: null,
			nextMeeting: { startsAt: '2027-09-15T14:00:00+02:00', minutes: 90, place: 'Salle 2' },
			members: 0,
			coordinators: 0,
			notes: 0,
			nextStatus: 'paused',
			outputs: 'Un guide',
			createdAt: '',
			updatedAt: '',
			version: 3
		});
		expect([
			defaults.nextMeetingAt,
			defaults.nextMeetingMinutes,
			defaults.nextMeetingPlace,
			defaults.nextStatus,
			defaults.outputs,
			defaults.version
		]).toEqual(['2027-09-15T14:00', '90', 'Salle 2', 'paused', 'Un guide', '3']);
	});
});

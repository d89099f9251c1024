import { describe, expect, it } from 'vitest';
import {
	eurosToCents,
	parseTime,
	readMoveForm,
	readSessionForm,
	sessionFieldOf,
	sessionFormToInput,
	speakerFormToInput
} from './programme.form.ts';

function formOf(fields: [string, string][]): FormData {
	const form = new FormData();
	for (const [k, v] of fields) form.append(k, v);
	return form;
}

describe('programme forms', () => {
	it('test_parseTime_reads_times_as_people_type_them', () => {
		expect(['9h30', '9 h 30', '09:30', '930', '9.30', ' 9h30 '].map(parseTime)).toEqual(Array(6).fill('09:30'));
		expect(['14h', '14', '14:00', '1400'].map(parseTime)).toEqual(Array(4).fill('14:00'));
		expect(['25h', '9h75', 'midi', '', '9:3'].map(parseTime)).toEqual([null, null, null, null, null]);
	});

	it('test_eurosToCents_french_amounts', () => {
		expect(eurosToCents('120')).toBe(12000);
		expect(eurosToCents('85,50')).toBe(8550);
		expect(eurosToCents('1 200,5 €')).toBe(120050);
		expect(eurosToCents('')).toBeNull();
		expect(eurosToCents('beaucoup')).toBe('invalid');
		expect(eurosToCents('-3')).toBe('invalid');
	});

	it('test_sessionFormToInput_day_and_times_become_paris_datetimes_and_rows_are_kept', () => {
		const values = readSessionForm(
			formOf([
				['title', 'Atelier'],
				['format', 'workshop'],
				['day', '2027-06-10'],
				['startTime', '9h30'],
				['endTime', ''],
				['roomId', 'r1'],
				['themes', 'Communs'],
				['speakers.0.speakerId', 's1'],
				['speakers.0.part', 'host'],
				['speakers.1.speakerId', ''],
				['speakers.1.part', 'speaker'],
				['audience', 'coordinateur'],
				['expectedAttendance', '40'],
				['capacity', ''],
				['synthesisPublished', 'on']
			])
		);
		expect(values.speakers).toEqual([
			{ speakerId: 's1', part: 'host' },
			{ speakerId: '', part: 'speaker' }
		]);
		const { input, issues } = sessionFormToInput(values);
		expect(issues).toEqual([]);
		expect(input).toMatchObject({
			startsAt: '2027-06-10T09:30',
			endsAt: null,
			roomId: 'r1',
			speakers: [{ speakerId: 's1', part: 'host' }],
			audience: ['coordinateur'],
			expectedAttendance: 40,
			capacity: null,
			requiresRegistration: false,
			synthesisPublished: true
		});
	});

	it('test_sessionFormToInput_bad_times_and_numbers_are_reported_by_field', () => {
		const values = readSessionForm(
			formOf([
				['day', '2027-06-10'],
				['startTime', 'midi'],
				['endTime', '25h'],
				['expectedAttendance', 'beaucoup']
			])
		);
		expect(sessionFormToInput(values).issues.map((i) => `${i.field}:${i.message}`)).toEqual([
			'expectedAttendance:programme.errors.number',
			'startTime:programme.errors.time',
			'endTime:programme.errors.time'
		]);
	});

	it('test_readMoveForm_empty_end_keeps_the_length', () => {
		expect(
			readMoveForm(
				formOf([
					['day', '2027-06-11'],
					['startTime', '14h'],
					['endTime', ''],
					['roomId', '']
				])
			).input
		).toEqual({ startsAt: '2027-06-11T14:00', roomId: null });
	});

	it('test_field_paths_map_to_form_controls', () => {
		expect(['startsAt', 'endsAt', 'themes.2', 'speakers.1.speakerId', 'speakerIds.3', 'title'].map(sessionFieldOf)).toEqual([
			'startTime',
			'endTime',
			'themes',
			'speaker-1',
			'speaker-3',
			'title'
		]);
		expect(
			speakerFormToInput({
				name: 'A',
				organisation: '',
				roleTitle: '',
				bio: '',
				email: '',
				status: '',
				travelCost: '12,5',
				portraitAlt: '',
				version: ''
			}).input
		).toMatchObject({
			travelCostCents: 1250,
			status: undefined
		});
	});
});

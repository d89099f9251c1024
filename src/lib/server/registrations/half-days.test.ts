import { describe, expect, it } from 'vitest';
import { currentHalfDay, eventHalfDays, halfDayFromSlug, halfDayLabel, halfDayOf, halfDaySlug } from './half-days.ts';

describe('half-days', () => {
	it('test_eventHalfDays_two_full_days_give_four_half_days', () => {
		const h = eventHalfDays('2027-06-10T07:00:00Z', '2027-06-11T15:00:00Z');
		expect(h.map((x) => x.key)).toEqual(['2027-06-10:am', '2027-06-10:pm', '2027-06-11:am', '2027-06-11:pm']);
		expect(h[0]).toMatchObject({ startsAt: '2027-06-10T07:00:00.000Z', endsAt: '2027-06-10T11:00:00.000Z' });
	});

	it('test_eventHalfDays_afternoon_only_and_morning_only', () => {
		expect(eventHalfDays('2027-06-10T12:00:00Z', '2027-06-10T16:00:00Z').map((x) => x.key)).toEqual(['2027-06-10:pm']);
		expect(eventHalfDays('2027-01-14T08:00:00Z', '2027-01-14T11:30:00Z').map((x) => x.key)).toEqual(['2027-01-14:am']);
	});

	it('test_halfDayOf_splits_at_13h_paris_in_summer_and_winter', () => {
		expect(halfDayOf('2027-06-10T10:59:00Z')).toBe('2027-06-10:am'); // 12:59 in Paris
		expect(halfDayOf('2027-06-10T11:00:00Z')).toBe('2027-06-10:pm'); // 13:00
		expect(halfDayOf('2027-01-14T11:59:00Z')).toBe('2027-01-14:am'); // 12:59 in winter
		expect(halfDayOf('2027-01-14T23:30:00Z')).toBe('2027-01-15:am'); // after midnight in Paris
	});

	it('test_labels_and_slugs', () => {
		expect(halfDayLabel('2027-06-10:am', 'fr')).toBe('jeudi 10 juin 2027, matin');
		expect(halfDayLabel('2027-06-10:pm', 'en')).toBe('Thursday 10 June 2027, afternoon');
		expect(halfDaySlug('2027-06-10:pm')).toBe('2027-06-10-apres-midi');
		expect(halfDayFromSlug('2027-06-10-apres-midi')).toBe('2027-06-10:pm');
		expect(halfDayFromSlug('2027-06-10-soir')).toBeNull();
	});

	it('test_currentHalfDay_is_the_current_then_the_next_then_the_last', () => {
		const h = eventHalfDays('2027-06-10T07:00:00Z', '2027-06-11T15:00:00Z');
		expect(currentHalfDay(h, new Date('2027-06-10T12:30:00Z'))?.key).toBe('2027-06-10:pm');
		expect(currentHalfDay(h, new Date('2027-05-01T00:00:00Z'))?.key).toBe('2027-06-10:am');
		expect(currentHalfDay(h, new Date('2027-07-01T00:00:00Z'))?.key).toBe('2027-06-11:pm');
	});
});

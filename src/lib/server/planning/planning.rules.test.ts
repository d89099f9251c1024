import { describe, expect, it } from 'vitest';
import { addDays, dueDateOf, formatOffset, isLate, isoWeekOf, isThisWeek, parseOffset, weekOf } from './planning.rules.ts';
import { parseHundredths } from './decimal.ts';

describe('retro-planning rules', () => {
	it('test_offsets_read_as_people_type_them', () => {
		expect(parseOffset('J-180')).toBe(-180);
		expect(parseOffset('J\u2212180')).toBe(-180);
		expect(parseOffset(' j – 30 ')).toBe(-30);
		expect(parseOffset('-7')).toBe(-7);
		expect(parseOffset('J+7')).toBe(7);
		expect(parseOffset('+7')).toBe(7);
		expect(parseOffset('7')).toBe(7);
		expect(parseOffset('J')).toBe(0);
		expect(parseOffset('J-0')).toBe(0);
		expect(parseOffset('J-1001')).toBeNull();
		expect(parseOffset('deux')).toBeNull();
		expect(parseOffset('J-2,5')).toBeNull();
		expect(formatOffset(-180)).toBe('J\u2212180');
		expect(formatOffset(0)).toBe('J');
		expect(formatOffset(7)).toBe('J+7');
	});

	it('test_dates_are_calendar_days_across_daylight_saving_changes', () => {
		expect(addDays('2027-03-28', -1)).toBe('2027-03-27');
		expect(addDays('2027-06-10', -180)).toBe('2026-12-12');
		expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
		expect(dueDateOf({ offset_days: 7, fixed_date: null }, '2027-10-25')).toBe('2027-11-01');
		expect(dueDateOf({ offset_days: null, fixed_date: '2027-01-02' }, '2027-10-25')).toBe('2027-01-02');
	});

	it('test_late_and_this_week', () => {
		expect(isLate('todo', '2026-12-14', '2026-12-15')).toBe(true);
		expect(isLate('done', '2026-12-14', '2026-12-15')).toBe(false);
		expect(isLate('todo', '2026-12-15', '2026-12-15')).toBe(false);
		expect(weekOf('2026-12-15')).toEqual({ monday: '2026-12-14', sunday: '2026-12-20' });
		expect(weekOf('2026-12-20')).toEqual({ monday: '2026-12-14', sunday: '2026-12-20' });
		expect(isThisWeek('2026-12-20', '2026-12-14')).toBe(true);
		expect(isThisWeek('2026-12-21', '2026-12-14')).toBe(false);
	});

	it('test_iso_week_is_counted_in_paris_time', () => {
		// Sunday 23:30 UTC is already Monday in Paris: the next ISO week.
		expect(isoWeekOf(new Date('2027-01-03T23:30:00Z'))).toBe('2027-W01');
		expect(isoWeekOf(new Date('2027-01-03T22:30:00Z'))).toBe('2026-W53');
	});

	it('test_hundredths_never_float', () => {
		expect(parseHundredths('2,5')).toEqual({ value: 250 });
		expect(parseHundredths('1,005')).toEqual({ problem: 'decimals' });
		expect(parseHundredths('-1')).toEqual({ problem: 'negative' });
		expect(parseHundredths('x')).toEqual({ problem: 'invalid' });
	});
});

import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { formatISO } from 'date-fns/formatISO';
import { fr } from 'date-fns/locale/fr';
import { enGB } from 'date-fns/locale/en-GB';
import { describe, expect, it } from 'vitest';
import { formatDay, formatTime, parisDay, toDatetimeLocal, toParisIso, TIME_ZONE } from './time.ts';

// The reference: what time.ts computed with @date-fns/tz and date-fns before it read the Paris
// fields itself: every 20 minutes around each change of hour from 2016 to 2030, and every
// 21 h 40 min 7 s in between (odd minutes and seconds, every weekday and month).
const instants: string[] = [];
for (let year = 2016; year <= 2030; year++)
	for (const month of [2, 9]) {
		const day = Date.UTC(year, month, 31) - new Date(Date.UTC(year, month, 31)).getUTCDay() * 86_400_000;
		for (let t = day - 3 * 3_600_000; t < day + 5 * 3_600_000; t += 20 * 60_000) instants.push(new Date(t).toISOString());
	}
for (let t = Date.UTC(2016, 0, 1); t < Date.UTC(2031, 0, 1); t += 78_000_000 + 7_000) instants.push(new Date(t).toISOString());

describe('Paris time', () => {
	it('test_paris_fields_agree_with_date_fns_tz_around_every_change_of_hour_and_through_2016_to_2030', () => {
		const wrong: string[] = [];
		for (const iso of instants) {
			const z = new TZDate(iso, TIME_ZONE);
			const expected = [
				formatISO(z),
				format(z, "yyyy-MM-dd'T'HH:mm"),
				format(z, 'yyyy-MM-dd'),
				format(z, 'EEEE d MMMM yyyy', { locale: fr }),
				format(z, 'EEEE d MMMM yyyy', { locale: enGB }),
				format(z, "H' h 'mm", { locale: fr }),
				format(z, 'HH:mm', { locale: enGB })
			];
			const got = [
				toParisIso(iso),
				toDatetimeLocal(iso),
				parisDay(iso),
				formatDay(iso, 'fr'),
				formatDay(iso, 'en'),
				formatTime(iso, 'fr'),
				formatTime(iso, 'en')
			];
			if (got.join('|') !== expected.join('|')) wrong.push(`${iso}: ${got.join('|')} ≠ ${expected.join('|')}`);
			if (wrong.length > 5) break;
		}
		expect(wrong).toEqual([]);
	});

	it('test_an_instant_with_an_offset_or_milliseconds_reads_as_the_same_paris_time', () => {
		expect(toParisIso('2027-03-28T00:59:59.999Z')).toBe('2027-03-28T01:59:59+01:00');
		expect(toParisIso('2027-03-28T01:00:00Z')).toBe('2027-03-28T03:00:00+02:00');
		expect(toParisIso('2027-03-28T03:00:00+02:00')).toBe('2027-03-28T03:00:00+02:00');
		expect(toParisIso('2027-10-31T00:30:00Z')).toBe('2027-10-31T02:30:00+02:00');
		expect(toParisIso('2027-10-31T01:30:00Z')).toBe('2027-10-31T02:30:00+01:00');
		expect(formatDay('2027-07-01T22:30:00Z', 'fr')).toBe('vendredi 2 juillet 2027');
		expect(() => parisDay('pas une date')).toThrow(RangeError);
	});
});

import { describe, expect, it } from 'vitest';
import { isValidRna, isValidSiret } from './structure-ids.ts';

describe('structure identifiers', () => {
	it('test_isValidSiret_accepts_luhn_valid_and_la_poste', () => {
		expect(isValidSiret('73282932000074')).toBe(true);
		expect(isValidSiret('35600000000048')).toBe(true);
	});
	it('test_isValidSiret_rejects_bad_checksum_and_length', () => {
		expect(isValidSiret('73282932000075')).toBe(false);
		expect(isValidSiret('7328293200007')).toBe(false);
		expect(isValidSiret('7328293200007a')).toBe(false);
	});
	it('test_isValidRna', () => {
		expect(isValidRna('W751234567')).toBe(true);
		expect(isValidRna('W9G1000001')).toBe(true);
		expect(isValidRna('751234567')).toBe(false);
		expect(isValidRna('W75123456')).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { centsToInput, formatEuros, parseEuros, staffCents } from './money.ts';
import { ACCOUNTS, classOf, isInKind, isKnownAccount, kindOfAccount } from './budget.accounts.ts';

describe('money', () => {
	it('test_parseEuros_accepts_french_and_point_notations', () => {
		expect(parseEuros('1 234,56')).toEqual({ cents: 123456 });
		expect(parseEuros('1\u202f234,56 €')).toEqual({ cents: 123456 });
		expect(parseEuros('1234.56')).toEqual({ cents: 123456 });
		expect(parseEuros('12,5')).toEqual({ cents: 1250 });
		expect(parseEuros('12')).toEqual({ cents: 1200 });
		expect(parseEuros('0,07')).toEqual({ cents: 7 });
		expect(parseEuros('', { optional: true })).toEqual({ cents: 0 });
	});

	it('test_parseEuros_refuses_negatives_letters_and_a_third_decimal', () => {
		expect(parseEuros('-12')).toEqual({ error: 'budget.errors.amountNegative' });
		expect(parseEuros('\u221212,00')).toEqual({ error: 'budget.errors.amountNegative' });
		expect(parseEuros('12,345')).toEqual({ error: 'budget.errors.amountDecimals' });
		expect(parseEuros('douze')).toEqual({ error: 'budget.errors.amountInvalid' });
		expect(parseEuros('12a')).toEqual({ error: 'budget.errors.amountInvalid' });
		expect(parseEuros('1.234,56')).toEqual({ error: 'budget.errors.amountInvalid' });
		expect(parseEuros('')).toEqual({ error: 'budget.errors.amountRequired' });
		expect(parseEuros('20000000')).toEqual({ error: 'budget.errors.amountTooBig' });
	});

	it('test_amounts_are_written_back_without_floating_point', () => {
		expect(formatEuros(123456)).toBe('1\u202f234,56\u00a0€');
		expect(formatEuros(5)).toBe('0,05\u00a0€');
		expect(formatEuros(-2050)).toBe('−20,50\u00a0€');
		expect(formatEuros(123456, 'en')).toBe('€1,234.56');
		expect(centsToInput(123456)).toBe('1234,56');
		// 0.1 + 0.2 would not be 0.3 in floating point; cents add up exactly.
		expect((parseEuros('0,10') as { cents: number }).cents + (parseEuros('0,20') as { cents: number }).cents).toBe(30);
	});

	it('test_staffCents_is_days_times_daily_cost_rounded_half_up', () => {
		expect(staffCents(2000, 45_000)).toBe(900_000);
		expect(staffCents(250, 33_333)).toBe(83_333);
		expect(staffCents(50, 101)).toBe(51); // 0.5 × 1,01 € = 0,505 € → 0,51 €
	});
});

describe('Cerfa accounts', () => {
	it('test_accounts_sides_and_in_kind', () => {
		for (const a of [
			'60',
			'604',
			'606',
			'613',
			'614',
			'616',
			'618',
			'622',
			'623',
			'625',
			'626',
			'628',
			'631',
			'641',
			'645',
			'68',
			'86',
			'860',
			'864'
		])
			expect(kindOfAccount(a), a).toBe('charge');
		for (const a of ['70', '74', '75', '79', '87', '870', '875', 'own-funds']) expect(kindOfAccount(a), a).toBe('produit');
		expect(isKnownAccount('999')).toBe(false);
		expect(isKnownAccount('69')).toBe(false);
		expect(isInKind('864')).toBe(true);
		expect(isInKind('641')).toBe(false);
		expect(classOf('625')?.code).toBe('62');
		expect(ACCOUNTS.indexOf('68')).toBeLessThan(ACCOUNTS.indexOf('86'));
	});
});

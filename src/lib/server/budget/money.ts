/**
 * Money is integer cents, from the form to the database to the exports: never a float.
 * Pure helpers to read what people type and to write amounts back.
 */
import { formatHundredths, parseHundredths } from '../planning/decimal.ts';

/** Ten million euros: far above any local event, and safely inside a 32-bit integer column. */
export const MAX_CENTS = 1_000_000_000;

/** Error keys (fr/en `budget.errors.*`) of an amount typed in a form. */
export type AmountError =
	| 'budget.errors.amountRequired'
	| 'budget.errors.amountNegative'
	| 'budget.errors.amountDecimals'
	| 'budget.errors.amountInvalid'
	| 'budget.errors.amountTooBig';

/**
 * An amount in euros as typed ("1 234,56", "1234.56", "12 €") into cents; empty is allowed
 * when `optional` (then 0). More than two decimals, a sign or letters are refused.
 */
export function parseEuros(text: string, options: { optional?: boolean } = {}): { cents: number } | { error: AmountError } {
	const r = parseHundredths(text);
	if ('problem' in r) {
		if (r.problem === 'empty') return options.optional ? { cents: 0 } : { error: 'budget.errors.amountRequired' };
		if (r.problem === 'negative') return { error: 'budget.errors.amountNegative' };
		if (r.problem === 'decimals') return { error: 'budget.errors.amountDecimals' };
		return { error: 'budget.errors.amountInvalid' };
	}
	if (r.value > MAX_CENTS) return { error: 'budget.errors.amountTooBig' };
	return { cents: r.value };
}

/** "1 234,56 €" (narrow no-break spaces, as French typography wants) or "€1,234.56". */
export function formatEuros(cents: number, lang: 'fr' | 'en' = 'fr'): string {
	const n = formatHundredths(cents, { lang });
	return lang === 'fr' ? `${n}\u00a0€` : n.startsWith('−') ? `−€${n.slice(1)}` : `€${n}`;
}

/** Cents as a form field shows them: "1234,56" (no grouping, so that it reads back unchanged). */
export function centsToInput(cents: number): string {
	return formatHundredths(cents).replace(/\u202f/g, '');
}

/** Days × daily cost, rounded to the nearest cent (half up), in integers only. */
export function staffCents(daysX100: number, dailyCostCents: number): number {
	return Math.floor((daysX100 * dailyCostCents + 50) / 100);
}

/** Cents as euros for a spreadsheet cell (a number): exact for every amount we allow. */
export function centsToEuroNumber(cents: number): number {
	return cents / 100;
}

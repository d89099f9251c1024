/**
 * Decimal numbers as people type them in French forms ("1 234,56", "1234.56", "2,5"), read
 * into integer hundredths without ever going through floating point: euros into cents, days
 * into hundredths of a day, hours into hundredths of an hour.
 */

export type DecimalProblem = 'empty' | 'negative' | 'decimals' | 'invalid';

/**
 * `text` as an integer number of hundredths. Spaces (also non-breaking) group thousands; the
 * decimal mark is a comma or a point; a trailing "€" is allowed. Refuses signs, letters, and
 * more than two decimals (a third decimal would be silently rounded money).
 */
export function parseHundredths(text: string): { value: number } | { problem: DecimalProblem } {
	const t = text
		.trim()
		.replace(/\s*€$/, '')
		.replace(/[\s\u00a0\u202f]/g, '');
	if (t === '') return { problem: 'empty' };
	if (/^[-\u2212]/.test(t)) return /^[-\u2212]\d/.test(t) ? { problem: 'negative' } : { problem: 'invalid' };
	const m = /^(\d+)(?:[.,](\d*))?$/.exec(t);
	if (!m) return { problem: 'invalid' };
	const [, whole, frac = ''] = m;
	if (frac.length > 2) return { problem: 'decimals' };
	if (whole.length > 12) return { problem: 'invalid' };
	return { value: Number(whole) * 100 + Number(frac.padEnd(2, '0')) };
}

/** Hundredths written back the French way: "1 234,56", "2,5" → "2,50" unless `trim`. */
export function formatHundredths(value: number, options: { lang?: 'fr' | 'en'; trimZeros?: boolean } = {}): string {
	const lang = options.lang ?? 'fr';
	const negative = value < 0;
	const abs = Math.abs(Math.trunc(value));
	const whole = Math.trunc(abs / 100);
	let frac = String(abs % 100).padStart(2, '0');
	const group = lang === 'fr' ? '\u202f' : ',';
	const wholeText = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, group);
	if (options.trimZeros) {
		if (frac === '00') return `${negative ? '−' : ''}${wholeText}`;
		frac = frac.replace(/0$/, '');
	}
	return `${negative ? '−' : ''}${wholeText}${lang === 'fr' ? ',' : '.'}${frac}`;
}

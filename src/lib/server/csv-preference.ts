/**
 * The separator an organiser chose last for the CSV files they open in a spreadsheet, remembered
 * in a cookie by the export that received it (`?separator=`), and offered first by the export
 * screens' select next time. Without a choice: `;` in French (what a French Excel or LibreOffice
 * opens without an import dialog), `,` in English. Open-data feeds do not read it: they stay `,`.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Lang } from '../i18n/index.ts';
import { CSV_SEPARATORS, FRENCH_SPREADSHEET, type CsvOptions, type CsvSeparator } from './csv.ts';

export const CSV_SEPARATOR_COOKIE = 'csv_separator';

const isSeparator = (v: string | null | undefined): v is CsvSeparator => !!v && Object.hasOwn(CSV_SEPARATORS, v);

/** The separator to offer first: the one remembered, else the language's. */
export function preferredCsvSeparator(cookies: Pick<Cookies, 'get'>, lang: Lang): CsvSeparator {
	const kept = cookies.get(CSV_SEPARATOR_COOKIE);
	if (isSeparator(kept)) return kept;
	return lang === 'fr' ? 'semicolon' : 'comma';
}

/** The defaults of a spreadsheet export asked from a screen: the preferred separator, UTF-8 with BOM (Excel needs it). */
export function spreadsheetCsvDefaults(cookies: Pick<Cookies, 'get'>, lang: Lang): CsvOptions {
	return { ...FRENCH_SPREADSHEET, separator: preferredCsvSeparator(cookies, lang) };
}

/** Remembers the separator of a request that chose one (a valid one: others are refused by `csvOptionsFrom`). */
export function rememberCsvSeparator(cookies: Pick<Cookies, 'set'>, url: URL): void {
	const asked = url.searchParams.get('separator');
	if (!isSeparator(asked)) return;
	cookies.set(CSV_SEPARATOR_COOKIE, asked, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

/**
 * Finding participants by name, structure or e-mail, blind to case and accents, identically on
 * SQLite and PostgreSQL: "emilie", "EMILIE" and "Émilie" find « Émilie Durand », "zoe" finds
 * « Zoë », "oeuvre" finds « Main-d’Œuvre ».
 *
 * Why the text is compared here and not in SQL: SQLite's `lower()` folds A–Z only and knows no
 * accents, PostgreSQL's `lower()` follows the database's locale (a C-locale server leaves « É »
 * as it is) and `unaccent` is an extension that not every host lets us create. Folding in
 * JavaScript gives one answer on both databases, with rules of our own (œ → oe, ø → o, ß → ss).
 * The database keeps every other filter and the order; only the four searched columns of the
 * event's remaining registrations come back to be folded, then the full rows of the first
 * `limit` matches are read. Measured (5,000 participants, a search that matches none so every
 * row is folded; 2 shared cores under load): about 16 ms on SQLite and 40–55 ms on PostgreSQL,
 * half reading the short rows, half folding them; the plain list without `q` takes 3 and 9 ms.
 * Fine at the desk for a few thousand people; past some tens of thousands per event, a stored
 * folded column filled on insert would be the next step.
 */
import type { DbOrTx } from '../db/index.ts';
import {
	listRegistrationRows,
	listRegistrationRowsByIds,
	listRegistrationSearchText,
	type RegistrationFilter,
	type RegistrationRow
} from './registration.queries.ts';

/** Letters that Unicode decomposition leaves whole, as people type them on a French keyboard. */
const LETTERS: Record<string, string> = {
	œ: 'oe',
	æ: 'ae',
	ø: 'o',
	ł: 'l',
	ß: 'ss',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ı: 'i',
	'’': "'",
	'‘': "'",
	ʼ: "'"
};
const LETTER = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const NOT_ASCII = /[\u0080-\uffff]/;

/**
 * The form of a text that searches compare: lower case, without accents or other marks,
 * ligatures spelt out, typographic apostrophes plain, hyphens and runs of spaces one space
 * ("Marie-Hélène  Œhlenschläger" → "marie helene oehlenschlager").
 */
export function foldForSearch(text: string): string {
	let folded = text.toLowerCase();
	// Most e-mails and many names are plain ASCII: decomposing them would change nothing.
	if (NOT_ASCII.test(folded))
		folded = folded
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.replace(LETTER, (c) => LETTERS[c]);
	return folded.replace(/[\s\-‐‑–—]+/g, ' ');
}

/** Never produced by `foldForSearch` from a query, so a match cannot straddle two columns. */
const BETWEEN_COLUMNS = '\u0000';

/**
 * The event's registrations matching `filter`, by last then first name, at most `limit`; `q`
 * matches part of "first last", "last first", the structure or the e-mail, folded as above.
 */
export async function searchRegistrationRows(
	db: DbOrTx,
	eventId: string,
	filter: RegistrationFilter,
	limit = 5000
): Promise<RegistrationRow[]> {
	const { q, ...others } = filter;
	const needle = foldForSearch(q ?? '').trim();
	if (!needle) return listRegistrationRows(db, eventId, others, limit);
	const ids: string[] = [];
	for (const r of await listRegistrationSearchText(db, eventId, others)) {
		const text = foldForSearch(
			[`${r.first_name} ${r.last_name}`, `${r.last_name} ${r.first_name}`, r.structure_name, r.email ?? ''].join(BETWEEN_COLUMNS)
		);
		if (text.includes(needle)) ids.push(r.id);
		if (ids.length === limit) break;
	}
	const rows = new Map((await listRegistrationRowsByIds(db, ids)).map((r) => [r.id, r]));
	return ids.flatMap((id) => rows.get(id) ?? []);
}

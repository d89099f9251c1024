/**
 * Reading a contact list from a CSV file, as spreadsheets write it: UTF-8 (with or without BOM) or
 * Windows-1252 (Excel's "CSV" in France), separated by `;` or `,`. Pure: bytes in, rows and
 * refusals out; nothing here touches the database.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

export const CONTACT_FIELDS = ['email', 'firstName', 'lastName', 'structure', 'role', 'territory'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
/** Which column (0-based) holds each field; a field left out is empty for every row. */
export type ColumnMapping = Partial<Record<ContactField, number>>;

export const MAX_IMPORT_ROWS = 20_000;

export interface ContactCells {
	email: string;
	firstName: string;
	lastName: string;
	structure: string;
	role: string;
	territory: string;
}

export interface RefusedRow {
	/** The line of the file (1 is the header). */
	line: number;
	email: string;
	/** An i18n key (`contacts.refused.*`). */
	reason: string;
}

/**
 * The file's text: UTF-8 when its bytes are valid UTF-8 (a BOM is dropped), else Windows-1252.
 * A Windows-1252 file with accents is never valid UTF-8 (é is one byte 0xE9), so the test decides.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	try {
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

/** The separator of the header line: the more frequent of `;` and `,` outside quotes (tab too). */
export function guessDelimiter(text: string): string {
	const first = text.split(/\r?\n/, 1)[0].replace(/"[^"]*"/g, '');
	const count = (c: string) => first.split(c).length - 1;
	return [';', ',', '\t'].sort((a, b) => count(b) - count(a))[0];
}

/** Header and rows; throws `contacts.import.unreadable` when the file is not CSV. */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
	let records: string[][];
	try {
		records = parse(text.replace(/^\uFEFF/, ''), {
			delimiter: guessDelimiter(text.replace(/^\uFEFF/, '')),
			skip_empty_lines: true,
			relax_column_count: true,
			relax_quotes: true,
			trim: true
		}) as string[][];
	} catch {
		throw new Error('contacts.import.unreadable');
	}
	if (records.length === 0) throw new Error('contacts.import.empty');
	return { header: records[0], rows: records.slice(1) };
}

function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const ALIASES: Record<ContactField, string[]> = {
	email: ['email', 'e mail', 'mail', 'courriel', 'adresse e mail', 'adresse mail', 'adresse electronique', 'e mail address'],
	firstName: ['prenom', 'first name', 'firstname', 'given name'],
	lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name'],
	structure: ['structure', 'organisation', 'organization', 'organisme', 'employeur', 'collectivite', 'entreprise'],
	role: ['role', 'fonction', 'poste', 'job title', 'titre'],
	territory: ['territoire', 'commune', 'ville', 'departement', 'territory', 'city']
};

/** The mapping read from the header's names (what the screen proposes before the person changes it). */
export function guessMapping(header: string[]): ColumnMapping {
	const folded = header.map(fold);
	const mapping: ColumnMapping = {};
	for (const field of CONTACT_FIELDS) {
		const i = folded.findIndex((h) => ALIASES[field].includes(h));
		if (i >= 0) mapping[field] = i;
	}
	return mapping;
}

const emailSchema = z.email();

/** An address as stored: trimmed, lower-cased; null when it is not one. */
export function normaliseEmail(value: string): string | null {
	const email = value.trim().toLowerCase();
	return email.length <= 254 && emailSchema.safeParse(email).success ? email : null;
}

const MAX_CELL = 200;

/**
 * The rows as contacts, merged by address (a later row fills what an earlier one left empty), and
 * the rows refused with their reason. `suppressed` addresses (unsubscribed) are refused.
 */
export function contactsFromRows(
	rows: string[][],
	mapping: ColumnMapping,
	suppressed: ReadonlySet<string> = new Set()
): { contacts: ContactCells[]; refused: RefusedRow[]; merged: number } {
	const byEmail = new Map<string, ContactCells>();
	const refused: RefusedRow[] = [];
	let merged = 0;
	const cell = (row: string[], field: ContactField) => {
		const i = mapping[field];
		return i === undefined ? '' : (row[i] ?? '').trim().replace(/\s+/g, ' ');
	};
	rows.forEach((row, index) => {
		const line = index + 2;
		const raw = cell(row, 'email');
		if (!raw) return refused.push({ line, email: '', reason: 'contacts.refused.noEmail' });
		const email = normaliseEmail(raw);
		if (!email) return refused.push({ line, email: raw.slice(0, MAX_CELL), reason: 'contacts.refused.invalidEmail' });
		if (suppressed.has(email)) return refused.push({ line, email, reason: 'contacts.refused.unsubscribed' });
		const values = {
			email,
			firstName: cell(row, 'firstName'),
			lastName: cell(row, 'lastName'),
			structure: cell(row, 'structure'),
			role: cell(row, 'role'),
			territory: cell(row, 'territory')
		};
		if (Object.values(values).some((v) => v.length > MAX_CELL)) return refused.push({ line, email, reason: 'contacts.refused.tooLong' });
		const earlier = byEmail.get(email);
		if (earlier) {
			merged++;
			for (const k of CONTACT_FIELDS) if (!earlier[k] && values[k]) earlier[k] = values[k];
			return;
		}
		byEmail.set(email, values);
	});
	return { contacts: [...byEmail.values()], refused, merged };
}

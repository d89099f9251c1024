/**
 * Checks one row of the schema "lieux de médiation numérique", field by field, and gives every
 * problem as an i18n key (French reasons in `i18n/fr/network.json`). The field rules are the
 * ANCT library's model constructors (pivot, nom, adresse, courriels, URLs, enumerations), the
 * schema file's own patterns where they are stricter (code INSEE, telephone), `opening_hours`
 * for `horaires`, plus what Maillage needs: coordinates in France, a known département.
 */
import { Adresse, Courriel, Id, Nom, Pivot, Url } from '@gouvfr-anct/lieux-de-mediation-numerique';
import OpeningHours from 'opening_hours';
import { findDepartement } from '../territory/territory.ts';
import type { FieldIssue } from '../validation.ts';
import {
	ENUMERATIONS,
	ETAPES_NUMERIQUES,
	ETAPES_NUMERIQUES_V102,
	REQUIRED_FIELDS,
	SCHEMA_FIELDS,
	type SchemaField,
	type SchemaRow
} from './lieux-schema.ts';

/** A valid place: the normalised schema row, its coordinates as numbers and its département. */
export interface ValidPlace {
	row: SchemaRow;
	latitude: number | null;
	longitude: number | null;
	departement: string;
}

const CODE_POSTAL = /^\d{5}$/u;
const CODE_INSEE = /^([013-9]\d|2[AB1-9])\d{3}$/u;
const TELEPHONE = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/u;
const PIVOT = /^[a-zA-Z0-9]{9,14}$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
/** Links are shown on the place's page: only web addresses (the library accepts any scheme). */
const WEB = /^https?:\/\//iu;
const isUrl = (v: string) => WEB.test(v) && libraryAccepts(() => Url(v));

/** Metropolitan France and the overseas territories, as [south, west, north, east] boxes. */
const FRANCE_BOXES: [number, number, number, number][] = [
	[41.3, -5.3, 51.2, 9.7], // métropole et Corse
	[15.8, -61.9, 18.2, -60.7], // Guadeloupe, Saint-Martin, Saint-Barthélemy
	[14.3, -61.3, 15.0, -60.7], // Martinique
	[2.1, -54.7, 5.9, -51.5], // Guyane
	[-21.5, 55.1, -20.8, 55.9], // La Réunion
	[-13.1, 44.9, -12.5, 45.4], // Mayotte
	[46.7, -56.5, 47.2, -56.0], // Saint-Pierre-et-Miquelon
	[-22.8, 163.5, -19.5, 168.2], // Nouvelle-Calédonie
	[-28.0, -154.8, -7.8, -134.4], // Polynésie française
	[-14.4, -178.3, -13.1, -176.0] // Wallis-et-Futuna
];

export function inFrance(latitude: number, longitude: number): boolean {
	return FRANCE_BOXES.some(([s, w, n, e]) => latitude >= s && latitude <= n && longitude >= w && longitude <= e);
}

/** The département of a place: from its INSEE code, else its postcode (Corsica: 200–201 → 2A). */
export function departementOf(codeInsee: string | undefined, codePostal: string): string {
	const code = codeInsee ?? codePostal;
	if (code.startsWith('97') || code.startsWith('98')) return code.slice(0, 3);
	if (!codeInsee && code.startsWith('20')) return Number(code.slice(0, 3)) < 202 ? '2A' : '2B';
	return code.slice(0, 2);
}

/** A telephone number written the schema's way (`+33…`), from the usual French spellings. */
export function normaliseTelephone(raw: string): string {
	let v = raw.replace(/\(0\)/gu, '').replace(/[\s.\-/]/gu, '');
	if (v.startsWith('00')) v = `+${v.slice(2)}`;
	else if (/^0\d{9}$/u.test(v)) v = `+33${v.slice(1)}`;
	return v;
}

/** Splits a `|` list, trimming each value and dropping empty and repeated ones. */
export function splitList(value: string | undefined): string[] {
	if (!value) return [];
	return [
		...new Set(
			value
				.split('|')
				.map((v) => v.trim())
				.filter(Boolean)
		)
	];
}

const fail = (): never => {
	throw new Error('invalid');
};

function libraryAccepts(run: () => unknown): boolean {
	try {
		run();
		return true;
	} catch (e) {
		if (e instanceof Error) return false;
		throw e;
	}
}

/**
 * Whether `horaires` is OSM opening_hours, by the library's own parser. The parser also reads
 * French words and "9h" with warnings: those are refused too (other tools read the strict
 * syntax), with the parser's correction as a suggestion.
 */
export function checkOpeningHours(value: string): HoursCheck {
	let known = hoursChecked.get(value);
	if (!known) {
		known = parseOpeningHours(value);
		if (hoursChecked.size >= 50_000) hoursChecked.clear();
		hoursChecked.set(value, known);
	}
	return known;
}

type HoursCheck = { ok: true } | { ok: false; suggestion: string | null };

// The parser costs about 2 ms a value (it builds its correction patterns at every parse): an
// import of the national file sees the same few hundred spellings again and again.
const hoursChecked = new Map<string, HoursCheck>();

function parseOpeningHours(value: string): HoursCheck {
	try {
		const parsed = new OpeningHours(value, null, 0);
		if (parsed.getWarnings().length === 0) return { ok: true };
		const suggestion = parsed.prettifyValue();
		return { ok: false, suggestion: suggestion && suggestion !== value ? suggestion : null };
	} catch {
		return { ok: false, suggestion: null };
	}
}

const issue = (field: string, message: string, params: Record<string, unknown> = {}): FieldIssue => ({
	field,
	message: `directory.errors.${message}`,
	params
});

/**
 * Validates and normalises one schema row (keys are the CSV's column names; values are trimmed,
 * empty ones dropped). Returns the place, or every problem found, one per field at most.
 */
export function validatePlaceRow(input: Record<string, string | undefined>): { place: ValidPlace } | { issues: FieldIssue[] } {
	const row: SchemaRow = {};
	for (const field of SCHEMA_FIELDS) {
		const v = input[field]?.trim();
		if (v) row[field] = v;
	}
	const issues: FieldIssue[] = [];
	const bad = (field: SchemaField) => issues.some((i) => i.field === field);
	for (const field of REQUIRED_FIELDS) if (!row[field]) issues.push(issue(field, 'required'));

	if (row.id && !libraryAccepts(() => Id(row.id!))) issues.push(issue('id', 'invalid', { value: row.id }));
	if (row.pivot) {
		row.pivot = row.pivot.replace(/\s/gu, '');
		if (!PIVOT.test(row.pivot) || !libraryAccepts(() => Pivot(row.pivot!))) issues.push(issue('pivot', 'pivot', { value: row.pivot }));
	}
	if (row.nom && !libraryAccepts(() => Nom(row.nom!))) issues.push(issue('nom', 'invalid', { value: row.nom }));
	if (row.code_postal && !CODE_POSTAL.test(row.code_postal)) issues.push(issue('code_postal', 'codePostal', { value: row.code_postal }));
	if (row.code_insee && !CODE_INSEE.test(row.code_insee)) issues.push(issue('code_insee', 'codeInsee', { value: row.code_insee }));
	if (row.adresse && row.commune && row.code_postal && !bad('code_postal')) {
		try {
			Adresse({
				voie: row.adresse,
				code_postal: row.code_postal,
				commune: row.commune,
				...(row.code_insee && !bad('code_insee') ? { code_insee: row.code_insee } : {})
			});
		} catch (e) {
			const key: string = e instanceof Error && 'key' in e && typeof e.key === 'string' ? e.key : 'adresse';
			const field = key === 'voie' ? 'adresse' : key;
			issues.push(issue(field, 'invalid', { value: row[field as SchemaField] ?? '' }));
		}
	}
	let departement = '';
	if (row.code_postal && !bad('code_postal') && !bad('code_insee')) {
		departement = departementOf(row.code_insee, row.code_postal);
		if (!findDepartement(departement))
			issues.push(issue(row.code_insee ? 'code_insee' : 'code_postal', 'noDepartement', { value: row.code_insee ?? row.code_postal }));
	}

	let latitude: number | null = null;
	let longitude: number | null = null;
	if (row.latitude || row.longitude) {
		const lat = Number(row.latitude?.replace(',', '.'));
		const lon = Number(row.longitude?.replace(',', '.'));
		if (!row.latitude || !row.longitude) issues.push(issue(row.latitude ? 'longitude' : 'latitude', 'coordinatesPair'));
		else if (!Number.isFinite(lat) || !Number.isFinite(lon)) issues.push(issue(Number.isFinite(lat) ? 'longitude' : 'latitude', 'number'));
		else if (!inFrance(lat, lon)) issues.push(issue('latitude', 'outsideFrance', { latitude: lat, longitude: lon }));
		else {
			latitude = lat;
			longitude = lon;
			row.latitude = String(lat);
			row.longitude = String(lon);
		}
	}

	if (row.telephone) {
		row.telephone = normaliseTelephone(row.telephone);
		if (!TELEPHONE.test(row.telephone)) issues.push(issue('telephone', 'telephone', { value: input.telephone?.trim() }));
	}
	for (const field of ['courriels', 'site_web'] as const) {
		const list = splitList(row[field]);
		const wrong = list.filter((v) => !libraryAccepts(() => (field === 'courriels' ? Courriel(v) : isUrl(v) || fail())));
		if (wrong.length) issues.push(issue(field, field === 'courriels' ? 'email' : 'url', { value: wrong.join(' | ') }));
		else if (list.length) row[field] = list.join('|');
	}
	for (const field of ['fiche_acces_libre', 'prise_rdv'] as const)
		if (row[field] && !isUrl(row[field]!)) issues.push(issue(field, 'url', { value: row[field] }));

	if (row.horaires) {
		const hours = checkOpeningHours(row.horaires);
		if (!hours.ok)
			issues.push(
				issue('horaires', hours.suggestion ? 'openingHoursSuggestion' : 'openingHours', {
					value: row.horaires,
					suggestion: hours.suggestion
				})
			);
	}
	if (row.presentation_resume && [...row.presentation_resume].length > 280)
		issues.push(issue('presentation_resume', 'tooLong', { max: 280 }));

	if (row.date_maj) {
		const m = DATE.exec(row.date_maj);
		const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
		if (!m || !d || d.getUTCDate() !== Number(m[3]) || d.getUTCMonth() !== Number(m[2]) - 1)
			issues.push(issue('date_maj', 'date', { value: row.date_maj }));
	}

	for (const [field, allowed] of Object.entries(ENUMERATIONS) as [SchemaField, readonly string[]][]) {
		if (!row[field]) continue;
		let list = splitList(row[field]);
		if (field === 'formations_labels') list = list.map((v) => (v === ETAPES_NUMERIQUES_V102 ? ETAPES_NUMERIQUES : v));
		const unknown = list.filter((v) => !allowed.includes(v));
		if (unknown.length)
			issues.push(issue(field, row[field]!.includes(';') ? 'unknownValueSeparator' : 'unknownValue', { value: unknown.join(' | ') }));
		else row[field] = list.join('|');
	}
	if (row.autres_formations_labels) row.autres_formations_labels = splitList(row.autres_formations_labels).join('|');

	if (issues.length) return { issues };
	return { place: { row, latitude, longitude, departement } };
}

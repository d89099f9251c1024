/**
 * The schema's JSON form, both ways: an array of places, each an object keyed by the schema's
 * field names. Values as the CSV writes them (lists joined by `|`), `latitude` and `longitude` as
 * numbers; on import a list may also be an array of strings, a number or a boolean is read as its
 * text, `null` as absent. Each object is then checked like a CSV row (place-validation.ts).
 */
import { SCHEMA_FIELDS, type SchemaRow } from './lieux-schema.ts';
import type { FieldIssue } from '../validation.ts';

export interface ParsedJsonRow {
	/** Position of the object in the array, from 1. */
	line: number;
	values?: Record<string, string>;
	issues?: FieldIssue[];
}

const KNOWN = new Set<string>(SCHEMA_FIELDS);

function textOf(value: unknown): string | undefined | null {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join('|');
	return null;
}

/** The objects of the array, as rows of text; a body that is not a JSON array gives file-level issues. */
export function parsePlacesJson(text: string): { rows: ParsedJsonRow[]; unknownColumns: string[] } | { issues: FieldIssue[] } {
	let data: unknown;
	try {
		data = JSON.parse(text.replace(/^\uFEFF/u, ''));
	} catch (e) {
		return {
			issues: [
				{ field: '_', message: 'directory.errors.unreadableJson', params: { detail: e instanceof Error ? e.message.slice(0, 200) : '' } }
			]
		};
	}
	if (!Array.isArray(data)) return { issues: [{ field: '_', message: 'directory.errors.notJsonArray' }] };
	const unknown = new Set<string>();
	const rows = data.map((item, i): ParsedJsonRow => {
		const line = i + 1;
		if (!item || typeof item !== 'object' || Array.isArray(item))
			return { line, issues: [{ field: '_', message: 'directory.errors.notJsonObject' }] };
		const values: Record<string, string> = {};
		const issues: FieldIssue[] = [];
		for (const [key, raw] of Object.entries(item as Record<string, unknown>)) {
			if (!KNOWN.has(key)) {
				unknown.add(key);
				continue;
			}
			const value = textOf(raw);
			if (value === null) issues.push({ field: key, message: 'directory.errors.jsonValue', params: { field: key } });
			else if (value !== undefined) values[key] = value;
		}
		return issues.length ? { line, issues } : { line, values };
	});
	return { rows, unknownColumns: [...unknown].sort() };
}

/** Places in the schema's JSON form: present fields only, coordinates as numbers. */
export function writePlacesJson(rows: SchemaRow[]): string {
	const out = rows.map((r) => {
		const place: Record<string, string | number> = {};
		for (const field of SCHEMA_FIELDS) {
			const value = r[field];
			if (value === undefined || value === '') continue;
			place[field] = field === 'latitude' || field === 'longitude' ? Number(value) : value;
		}
		return place;
	});
	return JSON.stringify(out);
}

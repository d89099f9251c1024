/**
 * A Frictionless Table Schema check of a CSV, enough for the schema "lieux de médiation
 * numérique" (tests/data/lieux-schema): header names and order, required, unique, pattern (matched
 * against the whole value, as Table Schema says), maxLength, number and date types.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

interface Field {
	name: string;
	type: string;
	constraints?: { required?: boolean; unique?: boolean; pattern?: string; maxLength?: number };
}

export function loadTableSchema(version: '1.0.1' | '1.0.2'): { fields: Field[]; version: string } {
	return JSON.parse(readFileSync(new URL(`../data/lieux-schema/schema-v${version}.json`, import.meta.url), 'utf8'));
}

/** Every problem of `csv` against `schema`, as `line:field:problem`; empty when it validates. */
export function validateTableSchema(csv: string, schema: { fields: Field[] }): string[] {
	const records: string[][] = parse(csv, { bom: true });
	const problems: string[] = [];
	const header = records[0];
	const names = schema.fields.map((f) => f.name);
	if (header.join(',') !== names.join(',')) problems.push(`1:_:header ${header.join(',')} ≠ ${names.join(',')}`);
	const seen = new Map<string, Set<string>>();
	records.slice(1).forEach((record, i) => {
		const line = i + 2;
		if (record.length !== names.length) problems.push(`${line}:_:${record.length} cells`);
		schema.fields.forEach((field, j) => {
			const value = record[j] ?? '';
			const c = field.constraints ?? {};
			if (value === '') {
				if (c.required) problems.push(`${line}:${field.name}:required`);
				return;
			}
			if (c.pattern && !new RegExp(`^(?:${c.pattern})$`, 'u').test(value)) problems.push(`${line}:${field.name}:pattern ${value}`);
			if (c.maxLength && [...value].length > c.maxLength) problems.push(`${line}:${field.name}:maxLength`);
			if (field.type === 'number' && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/u.test(value)) problems.push(`${line}:${field.name}:number ${value}`);
			if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/u.test(value)) problems.push(`${line}:${field.name}:date ${value}`);
			if (c.unique) {
				const set = seen.get(field.name) ?? new Set<string>();
				if (set.has(value)) problems.push(`${line}:${field.name}:unique ${value}`);
				set.add(value);
				seen.set(field.name, set);
			}
		});
	});
	return problems;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A commune of the official code list (INSEE COG), as Maillage stores it. */
export interface Commune {
	inseeCode: string;
	name: string;
	departement: string;
	region: string;
	postalCodes: string[];
}

export interface Departement {
	code: string;
	name: string;
	region: string;
}

interface RawCommune {
	code: string;
	nom: string;
	type: string;
	departement?: string;
	region?: string;
	codesPostaux?: string[];
}

// Read from @etalab/decoupage-administratif at run time rather than bundled: communes.json
// weighs 8 MB and is only needed when a form or the API names a commune. Not `require`d: the
// module cache would keep the whole parsed list (every field) for the process's life, some 21 MB of
// heap once the first registration names a commune, and parsing it whole would first hold the
// file as a string and all its objects at once (a peak of some 50 MB more). It is read as bytes and
// parsed one commune at a time (`eachObject`); what is kept is one string per commune
// (`packCommune`), about 4 MB, unpacked into a `Commune` when asked for.
const require = createRequire(import.meta.url);
let communesByCode: Map<string, string> | null = null;
let departements: Departement[] | null = null;

const SEP = '\t';

function packCommune(c: RawCommune & { departement: string }): string {
	return [c.nom, c.departement, c.region ?? '', (c.codesPostaux ?? []).join(' ')].join(SEP);
}

function unpackCommune(inseeCode: string, packed: string): Commune {
	const [name, departement, region, postal] = packed.split(SEP);
	return { inseeCode, name, departement, region, postalCodes: postal ? postal.split(' ') : [] };
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c;

/**
 * Each top-level object of a JSON array of objects, parsed on its own. Braces inside strings are
 * skipped (bytes of multi-byte UTF-8 characters are never ASCII, so scanning bytes is safe).
 */
export function* eachObject(bytes: Buffer): Generator<unknown> {
	let depth = 0;
	let start = -1;
	let inString = false;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (inString) {
			if (b === BACKSLASH) i++;
			else if (b === QUOTE) inString = false;
		} else if (b === QUOTE) inString = true;
		else if (b === OPEN) {
			if (depth++ === 0) start = i;
		} else if (b === CLOSE && --depth === 0) yield JSON.parse(bytes.toString('utf8', start, i + 1));
	}
}

function loadCommunes(): Map<string, string> {
	if (communesByCode) return communesByCode;
	const bytes = readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'));
	const map = new Map<string, string>();
	for (const c of eachObject(bytes) as Iterable<RawCommune>) {
		if (c.type !== 'commune-actuelle' || !c.departement) continue;
		map.set(c.code, packCommune(c as RawCommune & { departement: string }));
	}
	communesByCode = map;
	return map;
}

/** The current commune with this INSEE code, or null (also for merged, deleted or malformed codes). */
export function findCommune(inseeCode: string): Commune | null {
	if (!/^[0-9][0-9AB][0-9]{3}$/.test(inseeCode)) return null;
	const packed = loadCommunes().get(inseeCode);
	return packed === undefined ? null : unpackCommune(inseeCode, packed);
}

function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[-'’\s]+/g, ' ')
		.replace(/\bst\b/g, 'saint')
		.replace(/\bste\b/g, 'sainte')
		.trim();
}

/**
 * Communes whose name matches `query` (accents, case, hyphens ignored; exact names first), or the
 * communes of a postal code. At most `limit` results.
 */
export function searchCommunes(query: string, limit = 20): Commune[] {
	const communes = loadCommunes();
	const q = query.trim();
	if (/^\d{5}$/.test(q)) {
		const byCode = findCommune(q);
		const byPostal: Commune[] = [];
		for (const [code, packed] of communes) {
			if (code === q) continue;
			const postal = packed.slice(packed.lastIndexOf(SEP) + 1);
			if (postal.split(' ').includes(q)) byPostal.push(unpackCommune(code, packed));
		}
		return [...(byCode ? [byCode] : []), ...byPostal].slice(0, limit);
	}
	const f = fold(q);
	if (f.length < 2) return [];
	const exact: Commune[] = [];
	const prefix: Commune[] = [];
	for (const [code, packed] of communes) {
		const n = fold(packed.slice(0, packed.indexOf(SEP)));
		if (n === f) exact.push(unpackCommune(code, packed));
		else if (n.startsWith(f)) prefix.push(unpackCommune(code, packed));
	}
	return [...exact, ...prefix].slice(0, limit);
}

/** Départements of the official list, in code order. */
export function listDepartements(): Departement[] {
	if (!departements) {
		const raw = require('@etalab/decoupage-administratif/data/departements.json') as { code: string; nom: string; region: string }[];
		departements = raw.map((d) => ({ code: d.code, name: d.nom, region: d.region }));
	}
	return departements;
}

export function findDepartement(code: string): Departement | null {
	return listDepartements().find((d) => d.code === code) ?? null;
}

/** Where a person comes from, as people read it: « Limoges, Haute-Vienne (87) »; '' when unknown. */
export function territoryLabel(commune: string | null, departementCode: string | null): string {
	const departement = departementCode ? findDepartement(departementCode) : null;
	const named = departement ? `${departement.name} (${departement.code})` : departementCode;
	return [commune, named].filter(Boolean).join(', ');
}

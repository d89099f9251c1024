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
// weighs 8 MB and is only needed when a form or the API names a commune.
const require = createRequire(import.meta.url);
let communesByCode: Map<string, Commune> | null = null;
let communeList: Commune[] | null = null;
let departements: Departement[] | null = null;

function loadCommunes(): Map<string, Commune> {
	if (communesByCode) return communesByCode;
	const raw = require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
	const map = new Map<string, Commune>();
	for (const c of raw) {
		if (c.type !== 'commune-actuelle' || !c.departement) continue;
		map.set(c.code, {
			inseeCode: c.code,
			name: c.nom,
			departement: c.departement,
			region: c.region ?? '',
			postalCodes: c.codesPostaux ?? []
		});
	}
	communesByCode = map;
	communeList = [...map.values()];
	return map;
}

/** The current commune with this INSEE code, or null (also for merged, deleted or malformed codes). */
export function findCommune(inseeCode: string): Commune | null {
	if (!/^[0-9][0-9AB][0-9]{3}$/.test(inseeCode)) return null;
	return loadCommunes().get(inseeCode) ?? null;
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
	loadCommunes();
	const q = query.trim();
	if (/^\d{5}$/.test(q)) {
		const byCode = findCommune(q);
		const byPostal = communeList!.filter((c) => c.postalCodes.includes(q));
		return [...(byCode ? [byCode] : []), ...byPostal.filter((c) => c !== byCode)].slice(0, limit);
	}
	const f = fold(q);
	if (f.length < 2) return [];
	const exact: Commune[] = [];
	const prefix: Commune[] = [];
	for (const c of communeList!) {
		const n = fold(c.name);
		if (n === f) exact.push(c);
		else if (n.startsWith(f)) prefix.push(c);
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

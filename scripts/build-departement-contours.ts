// Makes src/lib/server/directory/geo/departements.json from a GeoJSON of the départements'
// contours (IGN Admin Express COG, WGS84; see that folder's SOURCE.md): coordinates rounded to
// 0.01° and points closer than 0.04° to the last one kept dropped (a map of France a few hundred
// pixels wide shows 0.02° per pixel), then rings of fewer than 4 points. Usage: node scripts/build-departement-contours.ts in.geojson
import { readFileSync, writeFileSync } from 'node:fs';

type Ring = [number, number][];
const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
	features: { properties: { code: string; nom: string }; geometry: { type: string; coordinates: unknown } }[];
};
const round = (v: number) => Math.round(v * 100) / 100;
const out = input.features.map((f) => {
	const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
	const rings: Ring[] = [];
	for (const polygon of polygons) {
		const ring: Ring = [];
		for (const [lon, lat] of polygon[0]) {
			const p: [number, number] = [round(lon), round(lat)];
			const last = ring[ring.length - 1];
			if (!last || Math.hypot(last[0] - p[0], last[1] - p[1]) >= 0.04) ring.push(p);
		}
		if (ring.length >= 4) rings.push(ring);
	}
	return { code: f.properties.code, nom: f.properties.nom, rings };
});
out.sort((a, b) => a.code.localeCompare(b.code));
writeFileSync(new URL('../src/lib/server/directory/geo/departements.json', import.meta.url), JSON.stringify(out));
console.log(`${out.length} départements, ${out.reduce((n, d) => n + d.rings.reduce((m, r) => m + r.length, 0), 0)} points`);

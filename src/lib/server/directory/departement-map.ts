/**
 * The directory's map, drawn on the server from the official contours of the départements
 * (`geo/departements.json`, see its SOURCE.md): an equirectangular projection scaled by the cosine
 * of France's mean latitude, good enough at this size, and no request to anyone.
 */
import contours from './geo/departements.json' with { type: 'json' };

const WIDTH = 600;
const LAT0 = 46.5;
const COS = Math.cos((LAT0 * Math.PI) / 180);
const BOUNDS = { west: -5.3, east: 9.7, south: 41.3, north: 51.2 };
const SCALE = WIDTH / ((BOUNDS.east - BOUNDS.west) * COS);
const HEIGHT = Math.round((BOUNDS.north - BOUNDS.south) * SCALE);

/** Where a point of metropolitan France falls on the map; null outside it. */
export function projectPoint(latitude: number, longitude: number): { x: number; y: number } | null {
	if (latitude < BOUNDS.south || latitude > BOUNDS.north || longitude < BOUNDS.west || longitude > BOUNDS.east) return null;
	return { x: Math.round((longitude - BOUNDS.west) * COS * SCALE * 10) / 10, y: Math.round((BOUNDS.north - latitude) * SCALE * 10) / 10 };
}

let paths: { code: string; name: string; d: string }[] | null = null;

/** The départements as SVG paths (computed once). */
function departementPaths() {
	paths ??= (contours as { code: string; nom: string; rings: [number, number][][] }[]).map((dep) => ({
		code: dep.code,
		name: dep.nom,
		d: dep.rings
			.map(
				(ring) =>
					'M' +
					ring
						.map(([lon, lat]) => {
							const p = projectPoint(lat, lon)!;
							return `${p.x} ${p.y}`;
						})
						.join('L') +
					'Z'
			)
			.join('')
	}));
	return paths;
}

export interface DirectoryMap {
	width: number;
	height: number;
	departements: { code: string; name: string; d: string; count: number; selected: boolean }[];
	points: { x: number; y: number; nom: string }[];
}

/** The map of the directory: départements shaded by their number of places, one dot per place. */
export function buildDirectoryMap(
	counts: { code: string; count: number }[],
	points: { latitude: number; longitude: number; nom: string }[],
	selected: string | undefined
): DirectoryMap {
	const byCode = new Map(counts.map((c) => [c.code, c.count]));
	return {
		width: WIDTH,
		height: HEIGHT,
		departements: departementPaths().map((d) => ({ ...d, count: byCode.get(d.code) ?? 0, selected: d.code === selected })),
		points: points.flatMap((p) => {
			const xy = projectPoint(p.latitude, p.longitude);
			return xy ? [{ ...xy, nom: p.nom }] : [];
		})
	};
}

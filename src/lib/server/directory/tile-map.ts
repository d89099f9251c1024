/**
 * The directory's map over an instance's own tile server (`MAP_TILES_URL`), when it has one: the
 * tiles (Web Mercator, 256 px, `{z}/{x}/{y}`) that cover the places shown, drawn as SVG `<image>`
 * elements under the places' dots — no script, the page stays light. Without a tile server the
 * map is the SVG of the départements (departement-map.ts) and nobody else is asked anything.
 */
const TILE = 256;
/** At most this many tiles across and down: about the map's width on a wide screen. */
const SPAN = 3;
/** Metropolitan France, when no place has coordinates. */
const FRANCE = { west: -5.3, east: 9.7, south: 41.3, north: 51.2 };

export interface MapTilesConfig {
	/** `https://tiles.example.org/{z}/{x}/{y}.png` */
	url: string;
	attribution: string;
	/** The tile server's origin, the one the page's Content-Security-Policy lets images come from. */
	origin: string;
}

/**
 * `MAP_TILES_URL` and `MAP_TILES_ATTRIBUTION` as the instance set them; null when no tile server
 * is configured. Throws on a URL that is not http(s) or lacks `{z}`, `{x}` and `{y}`, and on tiles
 * without their attribution (every tile licence asks for it).
 */
export function parseMapTiles(url: string | undefined, attribution: string | undefined): MapTilesConfig | null {
	const template = url?.trim();
	if (!template) return null;
	let parsed: URL | null;
	try {
		parsed = new URL(template.replace(/\{[zxy]\}/g, '0'));
	} catch {
		parsed = null;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol) || !['{z}', '{x}', '{y}'].every((p) => template.includes(p)))
		throw new Error(`MAP_TILES_URL: expected an http(s) address with {z}, {x} and {y}, got "${url}"`);
	const credit = attribution?.trim();
	if (!credit) throw new Error('MAP_TILES_ATTRIBUTION: required with MAP_TILES_URL (the tiles’ licence asks for it)');
	return { url: template, attribution: credit, origin: parsed.origin };
}

/** A longitude and latitude as world pixels at `zoom` (Web Mercator). */
function worldPixel(latitude: number, longitude: number, zoom: number): { x: number; y: number } {
	const size = TILE * 2 ** zoom;
	const sin = Math.sin((Math.max(-85, Math.min(85, latitude)) * Math.PI) / 180);
	return { x: ((longitude + 180) / 360) * size, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size };
}

export interface TileMap {
	width: number;
	height: number;
	tiles: { href: string; x: number; y: number }[];
	points: { x: number; y: number; nom: string }[];
	attribution: string;
}

/** The tiles around the places (or around metropolitan France), at the closest zoom where they fit in three tiles each way. */
export function buildTileMap(config: MapTilesConfig, points: { latitude: number; longitude: number; nom: string }[]): TileMap {
	const bounds = points.length
		? {
				west: Math.min(...points.map((p) => p.longitude)),
				east: Math.max(...points.map((p) => p.longitude)),
				south: Math.min(...points.map((p) => p.latitude)),
				north: Math.max(...points.map((p) => p.latitude))
			}
		: FRANCE;
	let zoom = 12;
	let first = { x: 0, y: 0 };
	let last = { x: 0, y: 0 };
	for (; zoom >= 1; zoom--) {
		const nw = worldPixel(bounds.north, bounds.west, zoom);
		const se = worldPixel(bounds.south, bounds.east, zoom);
		first = { x: Math.floor(nw.x / TILE), y: Math.floor(nw.y / TILE) };
		last = { x: Math.floor(se.x / TILE), y: Math.floor(se.y / TILE) };
		if (last.x - first.x < SPAN && last.y - first.y < SPAN) break;
	}
	const tiles = [];
	for (let ty = first.y; ty <= last.y; ty++)
		for (let tx = first.x; tx <= last.x; tx++)
			tiles.push({
				href: config.url.replace('{z}', String(zoom)).replace('{x}', String(tx)).replace('{y}', String(ty)),
				x: (tx - first.x) * TILE,
				y: (ty - first.y) * TILE
			});
	return {
		width: (last.x - first.x + 1) * TILE,
		height: (last.y - first.y + 1) * TILE,
		tiles,
		points: points.map((p) => {
			const w = worldPixel(p.latitude, p.longitude, zoom);
			return { x: Math.round((w.x - first.x * TILE) * 10) / 10, y: Math.round((w.y - first.y * TILE) * 10) / 10, nom: p.nom };
		}),
		attribution: config.attribution
	};
}

/** The map page's Content-Security-Policy with the tile server's origin added to `img-src`, and only that page's. */
export function allowMapTiles(policy: string, pathname: string, config: MapTilesConfig | null): string {
	if (!config || !/^\/annuaire\/?$/.test(pathname) || !/img-src /.test(policy)) return policy;
	return policy.replace(/img-src ([^;]*)/, `img-src $1 ${config.origin}`);
}

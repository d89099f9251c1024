import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { withSecurityHeaders } from '../security/security-headers.ts';
import { allowMapTiles, buildTileMap, parseMapTiles } from './tile-map.ts';

const TILES = parseMapTiles('https://tuiles.exemple.fr/osm/{z}/{x}/{y}.png', '© les contributeur·rices d’OpenStreetMap')!;
const PAGE_POLICY = "default-src 'self'; img-src 'self' data: blob:; frame-ancestors 'none'";

describe('map tiles configured by the instance', () => {
	it('test_no_tile_server_unless_the_instance_sets_one_and_a_bad_one_stops_the_start', () => {
		expect(loadConfig({}).mapTiles).toBeNull();
		expect(loadConfig({ MAP_TILES_URL: 'https://tuiles.exemple.fr/{z}/{x}/{y}.png', MAP_TILES_ATTRIBUTION: '© OSM' }).mapTiles).toEqual({
			url: 'https://tuiles.exemple.fr/{z}/{x}/{y}.png',
			attribution: '© OSM',
			origin: 'https://tuiles.exemple.fr'
		});
		expect(() => parseMapTiles('https://tuiles.exemple.fr/{z}/{x}.png', '© OSM')).toThrow('MAP_TILES_URL');
		expect(() => parseMapTiles('javascript:alert(1)/{z}/{x}/{y}', '© OSM')).toThrow('MAP_TILES_URL');
		expect(() => parseMapTiles('https://tuiles.exemple.fr/{z}/{x}/{y}.png', ' ')).toThrow('MAP_TILES_ATTRIBUTION');
	});

	it('test_tiles_cover_the_places_in_at_most_three_by_three_and_dots_fall_on_them', () => {
		const limoges = { latitude: 45.8336, longitude: 1.2611, nom: 'Médiathèque' };
		const brive = { latitude: 45.1589, longitude: 1.5321, nom: 'Tiers-lieu' };
		const map = buildTileMap(TILES, [limoges, brive]);
		expect(map.tiles.length).toBeGreaterThan(0);
		expect(map.tiles.length).toBeLessThanOrEqual(9);
		expect(map.tiles[0].href).toMatch(/^https:\/\/tuiles\.exemple\.fr\/osm\/\d+\/\d+\/\d+\.png$/);
		for (const p of map.points) {
			expect(p.x).toBeGreaterThanOrEqual(0);
			expect(p.x).toBeLessThanOrEqual(map.width);
			expect(p.y).toBeGreaterThanOrEqual(0);
			expect(p.y).toBeLessThanOrEqual(map.height);
		}
		// Limoges is north of Brive: higher on the map.
		expect(map.points[0].y).toBeLessThan(map.points[1].y);
		// Without places: metropolitan France.
		expect(buildTileMap(TILES, []).tiles.length).toBeLessThanOrEqual(9);
	});

	it('test_only_the_directory_page_may_load_the_tiles_and_only_when_configured', async () => {
		expect(allowMapTiles(PAGE_POLICY, '/annuaire', TILES)).toContain("img-src 'self' data: blob: https://tuiles.exemple.fr;");
		expect(allowMapTiles(PAGE_POLICY, '/annuaire', null)).toBe(PAGE_POLICY);
		expect(allowMapTiles(PAGE_POLICY, '/annuaire/structures', TILES)).toBe(PAGE_POLICY);
		const page = new Response('<p>annuaire</p>', { headers: { 'content-type': 'text/html', 'content-security-policy': PAGE_POLICY } });
		const secured = await withSecurityHeaders(page, { pathname: '/annuaire', https: true, mapTiles: TILES });
		expect(secured.headers.get('content-security-policy')).toContain('https://tuiles.exemple.fr');
		const other = new Response('<p>accueil</p>', { headers: { 'content-type': 'text/html', 'content-security-policy': PAGE_POLICY } });
		expect(
			(await withSecurityHeaders(other, { pathname: '/', https: true, mapTiles: TILES })).headers.get('content-security-policy')
		).not.toContain('tuiles');
	});
});

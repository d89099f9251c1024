/** Read models of the public directory's pages (`/annuaire`). */
import type { ServiceContext } from '../events/event.service.ts';
import { ValidationError, type FieldIssue } from '../validation.ts';
import { buildDirectoryMap } from './departement-map.ts';
import { buildTileMap, type MapTilesConfig } from './tile-map.ts';
import { ENUMERATIONS, SERVICES } from './lieux-schema.ts';
import { listPlaceDepartements, listPlaceMapPoints, listPlaces } from './place.service.ts';

/**
 * The directory page: the places matching the query string's filters, the filters' choices, and
 * the map (over the instance's tiles when `tiles` is set). Filters that do not read come back as
 * field issues, with no places.
 */
export async function getDirectoryPage(ctx: ServiceContext, query: Record<string, string>, tiles: MapTilesConfig | null = null) {
	const departements = await listPlaceDepartements(ctx);
	const choices = {
		services: SERVICES,
		publics: ENUMERATIONS.publics_specifiquement_adresses!,
		typologies: ENUMERATIONS.typologie!,
		departements
	};
	try {
		const { items, total, filters } = await listPlaces(ctx, { ...query, limit: 50 });
		const points = await listPlaceMapPoints(ctx, filters);
		const map = buildDirectoryMap(departements, points, filters.departement);
		return { items, total, filters, choices, map, tileMap: tiles ? buildTileMap(tiles, points) : null, issues: [] as FieldIssue[] };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return {
			items: [],
			total: 0,
			filters: { limit: 50, offset: 0 },
			choices,
			map: buildDirectoryMap(departements, [], undefined),
			tileMap: tiles ? buildTileMap(tiles, []) : null,
			issues: e.issues
		};
	}
}

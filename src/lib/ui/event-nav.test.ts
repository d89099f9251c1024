import { describe, expect, it } from 'vitest';
import { EVENT_NAV, currentLink, phaseOf } from './event-nav.ts';

describe('event menu', () => {
	it('test_phaseOf_puts_every_page_in_its_phase_and_the_overview_in_none', () => {
		expect(phaseOf('')).toBeNull();
		expect(phaseOf('/retroplanning/abc')).toBe('prepare');
		expect(phaseOf('/inscriptions/parametres')).toBe('register');
		expect(phaseOf('/accueil/sur-place')).toBe('day');
		expect(phaseOf('/bilan/synthese/1')).toBe('after');
		expect(currentLink('/programme/intervenants/42')).toBe('/programme/intervenants');
	});

	it('test_no_link_is_twice_in_the_menu', () => {
		const paths = EVENT_NAV.flatMap((g) => g.links.map((l) => l.path));
		expect(new Set(paths).size).toBe(paths.length);
	});
});

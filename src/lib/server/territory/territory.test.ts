import { describe, expect, it } from 'vitest';
import { findCommune, findDepartement, searchCommunes, territoryLabel } from './territory.ts';

describe('territory', () => {
	it('test_territoryLabel_names_the_departement_after_the_commune', () => {
		expect(territoryLabel('Limoges', '87')).toBe('Limoges, Haute-Vienne (87)');
		expect(territoryLabel(null, '2A')).toBe('Corse-du-Sud (2A)');
		expect(territoryLabel('Guéret', null)).toBe('Guéret');
		expect(territoryLabel(null, null)).toBe('');
		// A code the official list lacks is shown as it is rather than dropped.
		expect(territoryLabel(null, '00')).toBe('00');
	});
	it('test_findCommune_known_code_returns_commune_with_departement', () => {
		const c = findCommune('87085');
		expect(c?.name).toBe('Limoges');
		expect(c?.departement).toBe('87');
	});
	it('test_findCommune_unknown_or_malformed_code_returns_null', () => {
		expect(findCommune('99999')).toBeNull();
		expect(findCommune('abc')).toBeNull();
	});
	it('test_findCommune_corsica_code', () => {
		expect(findCommune('2A004')?.name).toBe('Ajaccio');
	});
	it('test_searchCommunes_ignores_accents_and_puts_exact_first', () => {
		const r = searchCommunes('gueret');
		expect(r[0].name).toBe('Guéret');
		expect(searchCommunes('saint denis').length).toBeGreaterThan(1);
	});
	it('test_searchCommunes_postal_code', () => {
		expect(searchCommunes('87000').map((c) => c.name)).toContain('Limoges');
	});
	it('test_findDepartement', () => {
		expect(findDepartement('23')?.name).toBe('Creuse');
	});
});

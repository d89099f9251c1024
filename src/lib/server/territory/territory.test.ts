import { describe, expect, it } from 'vitest';
import { eachObject, findCommune, findDepartement, searchCommunes, territoryLabel } from './territory.ts';

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
	it('test_findCommune_gives_every_field_of_the_official_list', () => {
		expect(findCommune('87085')).toEqual({
			inseeCode: '87085',
			name: 'Limoges',
			departement: '87',
			region: '75',
			postalCodes: ['87000', '87100', '87280']
		});
		expect(findCommune('75056')?.postalCodes).toHaveLength(21);
		expect(findCommune('01001')?.name).toBe("L'Abergement-Clémenciat");
	});
	it('test_searchCommunes_postal_code_that_is_also_an_insee_code_lists_the_commune_of_that_code_first_once', () => {
		// 01400 is L'Abergement-Clémenciat's postal code and the INSEE code of another commune.
		const r = searchCommunes('01400', 50);
		expect(r[0].inseeCode).toBe('01400');
		expect(r.map((c) => c.name)).toContain("L'Abergement-Clémenciat");
		expect(new Set(r.map((c) => c.inseeCode)).size).toBe(r.length);
		expect(r.slice(1).every((c) => c.postalCodes.includes('01400'))).toBe(true);
	});
	it('test_eachObject_parses_each_object_of_an_array_braces_and_quotes_in_strings_included', () => {
		const text = '[\n{"a":"x{y}","b":["1","2"]},\n{"a":"é \\" } {","n":3},{"a":"Vœuil"}\n]';
		expect([...eachObject(Buffer.from(text))]).toEqual(JSON.parse(text));
		expect([...eachObject(Buffer.from('[]'))]).toEqual([]);
	});
	it('test_findDepartement', () => {
		expect(findDepartement('23')?.name).toBe('Creuse');
	});
});

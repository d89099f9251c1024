import { describe, expect, it } from 'vitest';
import { placeRow } from '../../../../tests/factories/directory.ts';
import { translator } from '../../i18n/index.ts';
import { departementOf, normaliseTelephone, validatePlaceRow } from './place-validation.ts';

const fr = translator('fr');
function reasons(row: Record<string, string | undefined>): string[] {
	const r = validatePlaceRow(row);
	if ('place' in r) return [];
	return r.issues.map((i) => `${i.field}: ${fr(i.message, { field: i.field, ...i.params })}`);
}

describe('validatePlaceRow', () => {
	it('test_valid_row_is_normalised', () => {
		const r = validatePlaceRow({
			...placeRow(),
			telephone: '05 55 45 70 00',
			services: ' Aide aux démarches administratives | Aide aux démarches administratives '
		});
		if (!('place' in r)) throw new Error(JSON.stringify(r.issues));
		expect(r.place.row.telephone).toBe('+33555457000');
		expect(r.place.row.services).toBe('Aide aux démarches administratives');
		expect(r.place.departement).toBe('87');
		expect(r.place.latitude).toBe(45.8336);
	});

	it('test_pivot_neither_siret_nor_rna_is_refused_in_french', () => {
		expect(reasons(placeRow({ pivot: '123456789' }))).toEqual([
			'pivot: pivot : « 123456789 » n’est ni un SIRET (14 chiffres) ni un numéro RNA (W suivi de 9 caractères)'
		]);
		expect(reasons(placeRow({ pivot: 'W872000123' }))).toEqual([]);
	});

	it('test_horaires_that_do_not_parse_are_refused', () => {
		const out = reasons(placeRow({ horaires: 'lundi 9h-12h' }));
		expect(out).toHaveLength(1);
		expect(out[0]).toContain(
			'horaires : « lundi 9h-12h » n’est pas écrit dans la syntaxe OpenStreetMap opening_hours ; proposition : « Mo 09:00-12:00 »'
		);
		expect(reasons(placeRow({ horaires: 'toujours' }))[0]).toContain('n’est pas écrit dans la syntaxe');
	});

	it('test_coordinates_outside_france_are_refused', () => {
		expect(reasons(placeRow({ latitude: '1.2611', longitude: '45.8336' }))[0]).toContain('hors de France');
		expect(
			reasons(placeRow({ latitude: '-21.1151', longitude: '55.5364', code_postal: '97400', code_insee: '97411', commune: 'Saint-Denis' }))
		).toEqual([]);
	});

	it('test_every_problem_of_a_row_is_given_one_per_field', () => {
		const out = reasons(
			placeRow({
				nom: '',
				code_postal: '8700',
				services: 'Aide aux démarches administratives;Loisirs',
				frais_a_charge: 'Gratis',
				date_maj: '2026-02-30',
				courriels: 'pas-une-adresse',
				site_web: 'javascript:alert(1)',
				presentation_resume: 'x'.repeat(281)
			})
		).map((l) => l.split(':')[0]);
		expect(out.sort()).toEqual(
			['nom', 'code_postal', 'services', 'frais_a_charge', 'date_maj', 'courriels', 'site_web', 'presentation_resume'].sort()
		);
	});

	it('test_etapes_numeriques_is_read_in_both_spellings', () => {
		for (const label of ['Étapes numériques (La Poste)', 'Étapes numériques(La Poste)']) {
			const r = validatePlaceRow(placeRow({ formations_labels: label }));
			expect('place' in r && r.place.row.formations_labels).toBe('Étapes numériques (La Poste)');
		}
	});

	it('test_departement_and_telephone_helpers', () => {
		expect(departementOf(undefined, '20000')).toBe('2A');
		expect(departementOf(undefined, '20200')).toBe('2B');
		expect(departementOf('97411', '97400')).toBe('974');
		expect(normaliseTelephone('0033 5 55 00 00 00')).toBe('+33555000000');
	});
});

import { describe, expect, it } from 'vitest';
import { alignRows, staleChanges } from './stale.ts';

describe('stale forms', () => {
	it('test_alignRows_typed_rows_follow_their_ids_and_a_new_row_shows_its_stored_values', () => {
		const stored = [
			{ id: 'new', version: '1', label: 'Ajoutée entre-temps' },
			{ id: 'a', version: '3', label: 'A enregistrée' }
		];
		const typed = [{ id: 'a', version: '2', label: 'A saisie' }];
		const stale = alignRows(stored, typed, { _: 'stale', 'lines.0.label': 'trop long' }, true);
		expect(stale.rows).toEqual([stored[0], { id: 'a', version: '3', label: 'A saisie' }]);
		expect(stale.errors).toEqual({ _: 'stale', 'lines.1.label': 'trop long' });
		expect(alignRows(stored, typed, {}, false).rows[1].version).toBe('2');
	});

	it('test_staleChanges_lists_only_fields_whose_saved_value_differs', () => {
		const fields = { title: { id: 'title', label: 'Titre' }, room: { id: 'room', label: 'Salle' } };
		expect(staleChanges({ title: 'Mien', room: 'A' }, { title: 'Sien', room: 'A' }, fields)).toEqual([
			{ key: 'title', id: 'title', label: 'Titre', value: 'Sien' }
		]);
		expect(staleChanges({ title: 'Mien' }, undefined, fields)).toEqual([]);
	});
});

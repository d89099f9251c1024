import { describe, expect, it } from 'vitest';
import { failedForm, formErrorText, formErrors, formValues } from './form-result.ts';

describe('form results', () => {
	const failure = { values: { _form: 'add', title: 'Salle' }, errors: { title: 'Trop long.', owner: 'Inconnu.' } };

	it('test_failure_gives_errors_and_values_as_typed', () => {
		expect(failedForm(failure)).toBe('add');
		expect(formErrors(failure)).toEqual(failure.errors);
		expect(formValues(failure, { title: 'stocké' })).toEqual(failure.values);
		expect(formErrorText(failure)).toBe('Trop long. Inconnu.');
	});

	it('test_named_form_sees_only_its_own_failure', () => {
		expect(formErrors(failure, 'add')).toEqual(failure.errors);
		expect(formErrors(failure, 'delete')).toEqual({});
		expect(formValues(failure, { title: 'stocké' }, 'delete')).toEqual({ title: 'stocké' });
		expect(formErrorText(failure, 'delete')).toBe('');
	});

	it('test_success_or_no_answer_gives_stored_values_and_no_errors', () => {
		for (const form of [null, undefined, { added: 'Salle' }]) {
			expect(failedForm(form)).toBeUndefined();
			expect(formErrors(form)).toEqual({});
			expect(formValues(form, { title: 'stocké' })).toEqual({ title: 'stocké' });
		}
	});
});

import { describe, expect, it } from 'vitest';
import { readRegistrationForm, registrationFieldOf, registrationFormToInput, thanksStatus } from './registration.form.ts';
import type { QuestionInfo } from './registration-event.ts';

const questions: QuestionInfo[] = [
	{ id: 'q1', label: 'Venez-vous en train ?', kind: 'yesno', options: [], required: true, position: 1, version: 1 },
	{ id: 'q2', label: 'Thèmes', kind: 'multiple', options: ['A', 'B'], required: false, position: 2, version: 1 }
];

describe('registration form', () => {
	it('test_thanks_status_is_partial_when_a_workshop_is_waitlisted', () => {
		const seat = (status: string) => ({ status });
		expect(thanksStatus({ created: true, status: 'confirmed', sessions: [seat('confirmed')] })).toBe('confirmed');
		expect(thanksStatus({ created: true, status: 'confirmed', sessions: [seat('confirmed'), seat('waitlisted')] })).toBe('partiel');
		expect(thanksStatus({ created: true, status: 'waitlisted', sessions: [seat('waitlisted')] })).toBe('waitlisted');
		expect(thanksStatus({ created: false, status: 'confirmed', sessions: [] })).toBe('deja');
	});

	it('test_form_values_become_the_service_input', () => {
		const form = new FormData();
		for (const [k, v] of [
			['firstName', 'Awa'],
			['lastName', 'Diallo'],
			['email', 'awa@example.org'],
			['structureName', 'Médiathèque'],
			['structureType', 'collectivite'],
			['role', 'elu'],
			['departement', '87'],
			['commune', 'Limoges (87085)'],
			['halfDays', '2027-06-10:am'],
			['slot-1', 's1'],
			['slot-2', ''],
			['accessibility', 'mobility'],
			['consentTerms', 'on'],
			['consentSensitive', 'on'],
			['q-q1', 'yes'],
			['q-q2', 'A'],
			['q-q2', 'B']
		])
			form.append(k, v);
		const values = readRegistrationForm(form, questions);
		expect(values.slots).toEqual({ 'slot-1': 's1', 'slot-2': '' });
		const { input, issues } = registrationFormToInput(values, questions);
		expect(issues).toEqual([]);
		expect(input).toMatchObject({
			structure: { name: 'Médiathèque', type: 'collectivite' },
			inseeCode: '87085',
			sessionIds: ['s1'],
			halfDays: ['2027-06-10:am'],
			accessibility: { needs: ['mobility'], details: '' },
			consents: { terms: true, newsletter: false, photos: false, sensitive: true },
			answers: { q1: true, q2: ['A', 'B'] }
		});
	});

	it('test_an_unknown_commune_is_a_problem_of_the_commune_field', () => {
		const form = new FormData();
		form.append('commune', 'Zzzzville');
		const { issues } = registrationFormToInput(readRegistrationForm(form), []);
		expect(issues).toEqual([{ field: 'commune', message: 'errors.communeUnknown' }]);
	});

	it('test_service_paths_map_to_form_fields', () => {
		expect(registrationFieldOf('structure.name')).toBe('structureName');
		expect(registrationFieldOf('inseeCode')).toBe('commune');
		expect(registrationFieldOf('consents.terms')).toBe('consentTerms');
		expect(registrationFieldOf('answers.q1')).toBe('q-q1');
		expect(registrationFieldOf('sessionIds')).toBe('sessions');
		expect(registrationFieldOf('halfDays.0')).toBe('halfDays');
	});
});

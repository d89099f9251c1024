import { describe, expect, it } from 'vitest';
import { answerFields, answerFormIssues, answerInput, builderFormIssues, readBuilderForm } from './survey.form.ts';
import type { SurveyView } from './survey.schema.ts';

const Q1 = '00000000-0000-4000-8000-000000000001';
const Q2 = '00000000-0000-4000-8000-000000000002';
const Q3 = '00000000-0000-4000-8000-000000000003';
const Q4 = '00000000-0000-4000-8000-000000000004';
const S1 = '00000000-0000-4000-8000-00000000000a';

const survey = {
	questions: [
		{ id: Q1, type: 'scale5', perSession: false, options: [] },
		{ id: Q2, type: 'yesno', perSession: false, options: [] },
		{ id: Q3, type: 'multiple', perSession: false, options: ['IA', 'Inclusion'] },
		{ id: Q4, type: 'scale5', perSession: true, options: [] }
	]
} as unknown as SurveyView;

describe('survey forms', () => {
	it('test_answer_form_becomes_the_api_shape_and_keeps_what_was_typed', () => {
		const form = new FormData();
		form.append(`q_${Q1}`, '4');
		form.append(`q_${Q2}`, 'false');
		form.append(`q_${Q3}`, 'IA');
		form.append(`q_${Q3}`, 'Inclusion');
		form.append(`s_${S1}_${Q4}`, '5');
		form.append('intrus', 'x');
		const fields = answerFields(form, survey);
		expect(fields).toEqual({ [`q_${Q1}`]: '4', [`q_${Q2}`]: 'false', [`q_${Q3}`]: ['IA', 'Inclusion'], [`s_${S1}_${Q4}`]: '5' });
		expect(answerInput(fields, survey, [S1])).toEqual({
			answers: { [Q1]: 4, [Q2]: false, [Q3]: ['IA', 'Inclusion'] },
			sessions: { [S1]: { [Q4]: 5 } }
		});
		expect(answerInput(fields, survey, [])).toEqual({ answers: { [Q1]: 4, [Q2]: false, [Q3]: ['IA', 'Inclusion'] }, sessions: {} });
		expect(
			answerFormIssues([
				{ field: `answers.${Q1}`, message: 'm' },
				{ field: `sessions.${S1}.${Q4}`, message: 'n' }
			])
		).toEqual([
			{ field: `q_${Q1}`, message: 'm' },
			{ field: `s_${S1}_${Q4}`, message: 'n' }
		]);
	});

	it('test_builder_form_orders_removes_adds_and_maps_errors_back', () => {
		const form = new FormData();
		form.append('title', 'Votre avis');
		form.append('anonymous', 'on');
		form.append('opensAt', '');
		form.append('closesAt', '2027-07-01T09:00');
		form.append('count', '3');
		for (const [i, label, order] of [
			[0, 'Première', '2'],
			[1, 'Deuxième', '1'],
			[2, 'Supprimée', '3']
		] as const) {
			form.append(`q${i}_id`, `id-${i}`);
			form.append(`q${i}_order`, order);
			form.append(`q${i}_label`, label);
			form.append(`q${i}_type`, 'single');
			form.append(`q${i}_options`, 'Oui\r\n\r\n Non ');
		}
		form.append('q2_remove', 'on');
		form.append('new_label', 'Nouvelle');
		form.append('new_type', 'text');
		const { input, keys, values } = readBuilderForm(form);
		expect(input.questions.map((q) => q.label)).toEqual(['Deuxième', 'Première', 'Nouvelle']);
		expect(input.questions[0]).toMatchObject({ id: 'id-1', options: ['Oui', 'Non'] });
		expect(input.questions[2]).not.toHaveProperty('id');
		expect([input.anonymous, input.opensAt, input.closesAt]).toEqual([true, null, '2027-07-01T09:00']);
		expect(keys).toEqual(['q1', 'q0', 'new']);
		expect(values.questions[2].remove).toBe(true);
		expect(
			builderFormIssues(
				[
					{ field: 'questions.2.options', message: 'x' },
					{ field: 'title', message: 'y' }
				],
				keys
			)
		).toEqual([
			{ field: 'new_options', message: 'x' },
			{ field: 'title', message: 'y' }
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { issuesThrownBy } from '../../../../tests/helpers/service.ts';
import { ValidationError } from '../validation.ts';
import {
	budgetFormToInput,
	budgetLinesToShowAgain,
	lineDigest,
	newLineFormToInput,
	renumberIssues,
	staffLineFormToInput,
	submitBudgetForm,
	type BudgetLineFormValues
} from './budget.form.ts';

const row = (v: Partial<BudgetLineFormValues>): BudgetLineFormValues => ({
	kind: 'charge',
	account: '606',
	label: 'Fournitures',
	funder: '',
	planned: '0',
	actual: '',
	staff: false,
	memberId: '',
	plannedDays: '',
	actualDays: '',
	dailyCost: '',
	source: '',
	remove: false,
	id: '',
	version: '',
	loaded: '',
	...v
});

describe('budget forms', () => {
	it('test_new_line_takes_euros_as_typed_and_its_side_from_the_account', () => {
		expect(newLineFormToInput({ account: '74', label: 'Région', funder: 'region', planned: '1 234,56', actual: '' })).toEqual({
			kind: 'produit',
			account: '74',
			label: 'Région',
			funder: 'region',
			source: null,
			plannedCents: 123_456,
			actualCents: 0
		});
		expect(newLineFormToInput({ account: '623', label: '', funder: '', planned: '1234.5', actual: '99' })).toMatchObject({
			kind: 'charge',
			plannedCents: 123_450,
			actualCents: 9_900
		});
	});

	it('test_new_line_refuses_negative_letters_three_decimals_and_unknown_accounts_all_at_once', () => {
		expect(issuesThrownBy(() => newLineFormToInput({ account: '623', label: '', funder: '', planned: '-5', actual: '1,001' }))).toEqual([
			'plannedCents:budget.errors.amountNegative',
			'actualCents:budget.errors.amountDecimals'
		]);
		expect(issuesThrownBy(() => newLineFormToInput({ account: '999', label: '', funder: '', planned: 'cent', actual: '' }))).toEqual([
			'plannedCents:budget.errors.amountInvalid',
			'account:budget.errors.accountUnknown'
		]);
	});

	it('test_staff_line_reads_days_and_daily_cost', () => {
		expect(
			staffLineFormToInput({
				memberId: '',
				account: '641',
				label: 'Cheffe de projet',
				plannedDays: '20',
				actualDays: '18,5',
				dailyCost: '350'
			})
		).toMatchObject({
			staff: { memberId: null, plannedDays: 20, actualDays: 18.5, dailyCostCents: 35_000 }
		});
		expect(
			issuesThrownBy(() =>
				staffLineFormToInput({ memberId: '', account: '641', label: '', plannedDays: '', actualDays: '1,234', dailyCost: '' })
			)
		).toEqual([
			'staff.plannedDays:budget.errors.daysInvalid',
			'staff.actualDays:budget.errors.daysDecimals',
			'staff.dailyCostCents:budget.errors.amountRequired'
		]);
	});

	it('test_table_keeps_row_numbers_when_lines_are_removed', async () => {
		const lines = [row({ remove: true }), row({ planned: '12,5' }), row({ account: '74', kind: 'produit', planned: '3' })];
		expect(budgetFormToInput(lines)).toMatchObject({ rows: [1, 2], input: { lines: [{ plannedCents: 1250 }, { plannedCents: 300 }] } });
		expect(issuesThrownBy(() => budgetFormToInput([row({ remove: true }), row({ planned: 'x' })]))).toEqual([
			'lines.1.plannedCents:budget.errors.amountInvalid'
		]);
		expect(renumberIssues([{ field: 'lines.1.account', message: 'm' }], [0, 3])).toEqual([{ field: 'lines.3.account', message: 'm' }]);
		await expect(
			submitBudgetForm([row({ remove: true }), row({})], async () => {
				throw new ValidationError([{ field: 'lines.0.label', message: 'errors.tooLong' }]);
			})
		).rejects.toMatchObject({ issues: [{ field: 'lines.1.label', message: 'errors.tooLong' }] });
	});

	it('test_table_rows_posted_as_loaded_are_not_written_nor_shown_again_as_typed', () => {
		const loaded = row({ id: 'a', version: '2', planned: '10' });
		const untouched = { ...loaded, loaded: lineDigest(loaded) };
		const changed = { ...untouched, id: 'b', planned: '11' };
		const { keys, input } = budgetFormToInput([untouched, changed]);
		expect(keys).toEqual([{ id: 'b', version: 2 }]);
		expect(input.lines).toHaveLength(1);
		expect(budgetLinesToShowAgain([untouched, changed]).map((l) => l.id)).toEqual(['', 'b']);
	});
});

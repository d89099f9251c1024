/**
 * Form adapters of the budget page. People type euros ("1 234,56") and days ("2,5"); the
 * services take integer cents and days. Every amount is read here without floating point, and
 * a wrong one (negative, letters, a third decimal) is reported next to its field together with
 * the service's own problems; nothing is saved until all are right.
 */
import { createHash } from 'node:crypto';
import { ValidationError, type FieldIssue } from '../validation.ts';
import { parseHundredths } from '../planning/decimal.ts';
import { prepIssues } from '../planning/prep-validation.ts';
import { kindOfAccount } from './budget.accounts.ts';
import { budgetInputSchema, budgetLineInputSchema } from './budget.schema.ts';
import type { BudgetLineKey, BudgetView } from './budget.service.ts';
import { readVersion } from '../edit-version.ts';
import { centsToInput, parseEuros } from './money.ts';

const str = (form: FormData, name: string) => String(form.get(name) ?? '');

export interface BudgetLineFormValues {
	kind: string;
	account: string;
	label: string;
	funder: string;
	planned: string;
	actual: string;
	/** Staff lines only (days × daily cost). */
	staff: boolean;
	memberId: string;
	plannedDays: string;
	actualDays: string;
	dailyCost: string;
	source: string;
	remove: boolean;
	/** Which stored line this row is, and the version the page was loaded with (hidden fields). */
	id: string;
	version: string;
	/** A digest of the values the page was loaded with (hidden): a row posted unchanged is not written. */
	loaded: string;
}

/** A row posted as it was loaded (the person changed nothing in it). */
export function untouchedLine(v: BudgetLineFormValues): boolean {
	return !v.remove && v.id !== '' && v.loaded !== '' && lineDigest(v) === v.loaded;
}

/**
 * The table as typed, to show again after a failed save: rows the person did not touch lose their
 * id, so that the page shows them as stored now (someone may have changed them meanwhile).
 */
export function budgetLinesToShowAgain(lines: BudgetLineFormValues[]): BudgetLineFormValues[] {
	return lines.map((l) => (untouchedLine(l) ? { ...l, id: '' } : l));
}

/** A digest of what a person can change in a row, to tell the rows they touched from the others. */
export function lineDigest(v: BudgetLineFormValues): string {
	const typed = [v.label, v.funder, v.planned, v.actual, v.plannedDays, v.actualDays, v.dailyCost];
	return createHash('sha256').update(JSON.stringify(typed)).digest('base64url').slice(0, 16);
}

const daysText = (x100: number) =>
	centsToInput(x100)
		.replace(/,00$/, '')
		.replace(/(,\d)0$/, '$1');

/** The budget's lines as the table form shows them, in the Cerfa's order. */
export function budgetToFormLines(view: BudgetView): BudgetLineFormValues[] {
	const lines = [...view.charges, ...view.produits]
		.flatMap((g) => g.lines)
		.map((l) => ({
			kind: l.kind,
			account: l.account,
			label: l.label,
			funder: l.funder ?? '',
			planned: centsToInput(l.plannedCents),
			actual: centsToInput(l.actualCents),
			staff: l.staff !== null,
			memberId: l.staff?.memberId ?? '',
			plannedDays: l.staff ? daysText(l.staff.plannedDaysX100) : '',
			actualDays: l.staff && l.staff.actualDaysX100 !== null ? daysText(l.staff.actualDaysX100) : '',
			dailyCost: l.staff ? centsToInput(l.staff.dailyCostCents) : '',
			source: l.source ?? '',
			remove: false,
			id: l.id,
			version: String(l.version),
			loaded: ''
		}));
	return lines.map((l) => ({ ...l, loaded: lineDigest(l) }));
}

export function readBudgetForm(form: FormData): BudgetLineFormValues[] {
	const lines: BudgetLineFormValues[] = [];
	for (let i = 0; form.has(`lines.${i}.account`) && i < 500; i++) {
		const p = `lines.${i}.`;
		lines.push({
			kind: str(form, `${p}kind`),
			account: str(form, `${p}account`),
			label: str(form, `${p}label`),
			funder: str(form, `${p}funder`),
			planned: str(form, `${p}planned`),
			actual: str(form, `${p}actual`),
			staff: form.get(`${p}staff`) === '1',
			memberId: str(form, `${p}memberId`),
			plannedDays: str(form, `${p}plannedDays`),
			actualDays: str(form, `${p}actualDays`),
			dailyCost: str(form, `${p}dailyCost`),
			source: str(form, `${p}source`),
			remove: form.get(`${p}remove`) === '1',
			id: str(form, `${p}id`),
			version: str(form, `${p}version`),
			loaded: str(form, `${p}loaded`)
		});
	}
	return lines;
}

/** Days typed in a form ("2,5") as a number with two decimals at most, or a problem. */
function days(text: string, field: string, issues: FieldIssue[], optional: boolean): number | null {
	if (!text.trim()) {
		if (!optional) issues.push({ field, message: 'budget.errors.daysInvalid' });
		return null;
	}
	const r = parseHundredths(text);
	if ('value' in r) return r.value / 100;
	issues.push({ field, message: r.problem === 'decimals' ? 'budget.errors.daysDecimals' : 'budget.errors.daysInvalid' });
	return null;
}

function euros(text: string, field: string, issues: FieldIssue[], optional = false): number | undefined {
	const r = parseEuros(text, { optional });
	if ('cents' in r) return r.cents;
	issues.push({ field, message: r.error });
	return undefined;
}

/** One line's service input; its own amount problems go into `issues` under `prefix`. */
function lineInput(v: Omit<BudgetLineFormValues, 'remove' | 'id' | 'version' | 'loaded'>, prefix: string, issues: FieldIssue[]) {
	const base = {
		kind: v.kind || kindOfAccount(v.account) || 'charge',
		account: v.account,
		label: v.label,
		funder: v.funder || null,
		source: v.source || null
	};
	if (v.staff) {
		const plannedDays = days(v.plannedDays, `${prefix}staff.plannedDays`, issues, false);
		const actualDays = days(v.actualDays, `${prefix}staff.actualDays`, issues, true);
		const dailyCostCents = euros(v.dailyCost, `${prefix}staff.dailyCostCents`, issues);
		return {
			...base,
			staff: { memberId: v.memberId || null, plannedDays: plannedDays ?? 0, actualDays, dailyCostCents: dailyCostCents ?? 0 }
		};
	}
	return {
		...base,
		plannedCents: euros(v.planned, `${prefix}plannedCents`, issues),
		actualCents: euros(v.actual, `${prefix}actualCents`, issues, true) ?? 0
	};
}

/** What the service needs to save a table: the kept lines, which stored lines they are, and those removed. */
export interface BudgetTableInput {
	input: { lines: unknown[] };
	rows: number[];
	keys: BudgetLineKey[];
	removed: BudgetLineKey[];
}

/**
 * The service input of the whole table: the rows the person changed (rows posted as they were
 * loaded are left out, so that a change made meanwhile by someone else is not undone; rows ticked
 * "remove" are listed in `removed`).
 * Field paths keep the table's row numbers, also for the service's problems: see `renumberIssues`.
 */
export function budgetFormToInput(lines: BudgetLineFormValues[]): BudgetTableInput {
	const issues: FieldIssue[] = [];
	const rows: number[] = [];
	const kept: unknown[] = [];
	const keys: BudgetLineKey[] = [];
	const removed: BudgetLineKey[] = [];
	lines.forEach((l, i) => {
		const key = { id: l.id, version: readVersion(l.version) };
		if (l.remove) {
			removed.push(key);
			return;
		}
		// Posted as loaded: someone else may have changed it since, and that change stays.
		if (untouchedLine(l)) return;
		rows.push(i);
		keys.push(key);
		kept.push(lineInput(l, `lines.${i}.`, issues));
	});
	if (issues.length) {
		const result = budgetInputSchema.safeParse({ lines: kept });
		const own = new Set(issues.map((i) => i.field));
		const rest = result.success ? [] : renumberIssues(prepIssues(result.error), rows).filter((i) => !own.has(i.field));
		throw new ValidationError([...issues, ...rest]);
	}
	return { input: { lines: kept }, rows, keys, removed };
}

/**
 * Saves the table: reads every amount, then calls `save` with the kept lines; any problem —
 * the form's or the service's — comes back on the table's own row numbers.
 */
export async function submitBudgetForm<T>(
	lines: BudgetLineFormValues[],
	save: (input: { lines: unknown[] }, keys: BudgetLineKey[], removed: BudgetLineKey[]) => Promise<T>
): Promise<T> {
	const { input, rows, keys, removed } = budgetFormToInput(lines);
	try {
		return await save(input, keys, removed);
	} catch (e) {
		if (e instanceof ValidationError) throw new ValidationError(renumberIssues(e.issues, rows));
		throw e;
	}
}

/** Service issues on `lines.<k>.…` of the kept lines, back on the table's row numbers. */
export function renumberIssues(issues: FieldIssue[], rows: number[]): FieldIssue[] {
	return issues.map((i) => {
		const m = /^lines\.(\d+)\.(.*)$/.exec(i.field);
		return m ? { ...i, field: `lines.${rows[Number(m[1])] ?? m[1]}.${m[2]}` } : i;
	});
}

// ——— One new line ———

export interface NewLineFormValues {
	account: string;
	label: string;
	funder: string;
	planned: string;
	actual: string;
}

export function readNewLineForm(form: FormData): NewLineFormValues {
	return {
		account: str(form, 'account'),
		label: str(form, 'label'),
		funder: str(form, 'funder'),
		planned: str(form, 'planned'),
		actual: str(form, 'actual')
	};
}

export function newLineFormToInput(v: NewLineFormValues): Record<string, unknown> {
	const issues: FieldIssue[] = [];
	const input = lineInput(
		{ ...v, kind: '', staff: false, memberId: '', plannedDays: '', actualDays: '', dailyCost: '', source: '' },
		'',
		issues
	);
	throwWithRest(issues, input);
	return input;
}

export interface StaffLineFormValues {
	memberId: string;
	account: string;
	label: string;
	plannedDays: string;
	actualDays: string;
	dailyCost: string;
}

export function readStaffLineForm(form: FormData): StaffLineFormValues {
	return {
		memberId: str(form, 'memberId'),
		account: str(form, 'account'),
		label: str(form, 'label'),
		plannedDays: str(form, 'plannedDays'),
		actualDays: str(form, 'actualDays'),
		dailyCost: str(form, 'dailyCost')
	};
}

export function staffLineFormToInput(v: StaffLineFormValues): Record<string, unknown> {
	const issues: FieldIssue[] = [];
	const input = lineInput({ ...v, kind: 'charge', funder: '', planned: '', actual: '', staff: true, source: '' }, '', issues);
	throwWithRest(issues, input);
	return input;
}

function throwWithRest(issues: FieldIssue[], input: Record<string, unknown>): void {
	if (issues.length === 0) return;
	const result = budgetLineInputSchema.safeParse(input);
	const own = new Set(issues.map((i) => i.field));
	const rest = result.success ? [] : prepIssues(result.error).filter((i) => !own.has(i.field));
	throw new ValidationError([...issues, ...rest]);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { balancedBudgetLines, newPreparedEvent } from '../../../../tests/factories/preparation.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { StaleVersionError } from '../edit-version.ts';
import { budgetFormToInput, budgetToFormLines, type BudgetLineFormValues } from './budget.form.ts';
import { addBudgetLine, budgetTag, getBudget, replaceBudget, saveBudgetLines } from './budget.service.ts';

describe.each(DIALECTS)('budget lines versions on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	/** The budget page as one organiser loads it: its table's rows. */
	const loadTable = async (actor: Actor, slug: string) => budgetToFormLines(await getBudget(ctx, actor, slug));
	/** Saves a loaded table after `edit`, as the page's form does. */
	const saveTable = (actor: Actor, slug: string, lines: BudgetLineFormValues[]) => {
		const { input, keys, removed } = budgetFormToInput(lines);
		return saveBudgetLines(ctx, actor, slug, input, keys, removed);
	};
	const labelled = (lines: BudgetLineFormValues[], label: string) => lines.findIndex((l) => l.label === label);

	async function budgetWithLines() {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		return { alice, slug: ev.slug };
	}

	it('test_saveBudgetLines_a_table_loaded_before_a_line_was_added_keeps_that_line', async () => {
		// Arrange: the page is loaded, then someone adds a line.
		const { alice, slug } = await budgetWithLines();
		const table = await loadTable(alice, slug);
		await addBudgetLine(ctx, alice, slug, { kind: 'charge', account: '606', label: 'Ajoutée entre-temps', plannedCents: 1000 });
		// Act: the table loaded before is saved with one amount changed.
		table[labelled(table, 'Fournitures')].planned = '700,00';
		const view = await saveTable(alice, slug, table);
		// Assert: the change is saved and the line added meanwhile is still there.
		expect(view.lines.find((l) => l.label === 'Fournitures')?.plannedCents).toBe(70_000);
		expect(view.lines.find((l) => l.label === 'Ajoutée entre-temps')?.plannedCents).toBe(1000);
		expect(view.lines).toHaveLength(balancedBudgetLines().length + 1);
	});

	it('test_saveBudgetLines_second_save_of_a_line_from_the_same_load_is_stale_and_writes_nothing', async () => {
		const { alice, slug } = await budgetWithLines();
		const first = await loadTable(alice, slug);
		const second = await loadTable(alice, slug);
		first[labelled(first, 'Honoraires')].planned = '900,00';
		await saveTable(alice, slug, first);
		second[labelled(second, 'Honoraires')].planned = '1 000,00';
		second[labelled(second, 'Bénévoles')].label = 'Bénévoles (autre)';
		await expect(saveTable(alice, slug, second)).rejects.toBeInstanceOf(StaleVersionError);
		const now = (await getBudget(ctx, alice, slug)).lines;
		expect(now.find((l) => l.account === '622')?.plannedCents).toBe(90_000);
		expect(now.some((l) => l.label === 'Bénévoles (autre)')).toBe(false);
	});

	it('test_saveBudgetLines_other_lines_changed_meanwhile_do_not_make_a_save_stale', async () => {
		const { alice, slug } = await budgetWithLines();
		const first = await loadTable(alice, slug);
		const second = await loadTable(alice, slug);
		first[labelled(first, 'Honoraires')].planned = '900,00';
		await saveTable(alice, slug, first);
		second[labelled(second, 'Fournitures')].planned = '1,00';
		const view = await saveTable(alice, slug, second);
		expect(view.lines.find((l) => l.account === '622')?.plannedCents).toBe(90_000);
		expect(view.lines.find((l) => l.account === '606')?.plannedCents).toBe(100);
	});

	it('test_saveBudgetLines_removing_a_line_changed_meanwhile_is_stale', async () => {
		const { alice, slug } = await budgetWithLines();
		const first = await loadTable(alice, slug);
		const second = await loadTable(alice, slug);
		first[labelled(first, 'Honoraires')].label = 'Honoraires (revus)';
		await saveTable(alice, slug, first);
		second[labelled(second, 'Honoraires')].remove = true;
		await expect(saveTable(alice, slug, second)).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getBudget(ctx, alice, slug)).lines.some((l) => l.label === 'Honoraires (revus)')).toBe(true);
	});

	it('test_saveBudgetLines_concurrent_saves_of_one_line_exactly_one_wins', async () => {
		const { alice, slug } = await budgetWithLines();
		const tables = await Promise.all([1, 2, 3].map(() => loadTable(alice, slug)));
		tables.forEach((table, i) => (table[labelled(table, 'Fournitures')].planned = `${i + 1},00`));
		const results = await Promise.allSettled(tables.map((table) => saveTable(alice, slug, table)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof StaleVersionError)).toHaveLength(2);
	});

	it('test_replaceBudget_with_a_stale_etag_is_refused_and_with_the_current_one_goes_through', async () => {
		const { alice, slug } = await budgetWithLines();
		const read = budgetTag((await getBudget(ctx, alice, slug)).lines);
		await addBudgetLine(ctx, alice, slug, { kind: 'charge', account: '606', label: 'Ajoutée', plannedCents: 1000 });
		await expect(replaceBudget(ctx, alice, slug, { lines: [] }, [read])).rejects.toBeInstanceOf(StaleVersionError);
		expect((await getBudget(ctx, alice, slug)).lines).toHaveLength(balancedBudgetLines().length + 1);
		const now = budgetTag((await getBudget(ctx, alice, slug)).lines);
		expect(now).not.toBe(read);
		expect((await replaceBudget(ctx, alice, slug, { lines: [] }, [now])).lines).toEqual([]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, type TestDb } from '../../../../tests/helpers/db.ts';
import { issuesOf, openServiceDb } from '../../../../tests/helpers/service.ts';
import { newUser } from '../../../../tests/factories/index.ts';
import { addTeamMember, balancedBudgetLines, newPreparedEvent, newSpeakerWithTravel } from '../../../../tests/factories/preparation.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import { addCommitteeMember, addTimeEntry } from '../planning/committee.service.ts';
import {
	addBudgetLine,
	deleteBudgetLine,
	getBudget,
	getBudgetForApi,
	replaceBudget,
	syncStaffFromTime,
	syncTravelFromProgramme
} from './budget.service.ts';

describe.each(DIALECTS)('budget on %s', (dialect) => {
	let t: TestDb;
	let ctx: ServiceContext;
	beforeAll(async () => ({ t, ctx } = await openServiceDb(dialect)));
	afterAll(() => t.close());

	it('test_balanced_budget_totals_checks_and_cerfa_groups', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const view = await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		expect(view.totals).toEqual({
			chargesPlannedCents: 1_234_000,
			produitsPlannedCents: 1_234_000,
			chargesActualCents: 1_232_682,
			produitsActualCents: 1_232_682
		});
		expect(view.inKind).toEqual({
			chargesPlannedCents: 30_000,
			produitsPlannedCents: 30_000,
			chargesActualCents: 30_000,
			produitsActualCents: 30_000
		});
		expect([view.balanced, view.inKindBalanced, view.actualBalanced]).toEqual([true, true, true]);
		expect(view.charges.find((g) => g.code === '62')).toMatchObject({ plannedCents: 268_000, actualCents: 267_250 });
		expect(view.charges.find((g) => g.code === '62')?.lines.map((l) => l.account)).toEqual(['622', '623', '625']);
		expect(view.charges.map((g) => g.code)).toEqual(['60', '61', '62', '63', '64', '65', '66', '67', '68', '86']);
		expect(view.produits.map((g) => g.code)).toEqual(['70', '71', '72', '73', '74', '75', '76', '77', '78', '79', 'own-funds', '87']);
		expect(view.lines.find((l) => l.account === '606')?.varianceCents).toBe(-568);

		const api = await getBudgetForApi(ctx, alice, ev.slug);
		expect(api.balanced).toBe(true);
		expect(api.inKindBalanced).toBe(true);
		expect(api.totals.chargesPlannedCents).toBe(1_234_000);
		expect(api.lines[0]).toEqual({ kind: 'charge', account: '606', label: 'Fournitures', plannedCents: 66_000, actualCents: 65_432 });
		expect(api.lines.find((l) => l.account === '74')).toEqual({
			kind: 'produit',
			account: '74',
			label: 'ANCT',
			plannedCents: 250_000,
			actualCents: 250_000,
			funder: 'state'
		});
	});

	it('test_unbalanced_budget_is_saved_and_flagged', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		const view = await replaceBudget(ctx, alice, ev.slug, {
			lines: [
				{ kind: 'charge', account: '613', label: 'Location de salle', plannedCents: 150_000 },
				{ kind: 'produit', account: '74', label: 'Région', funder: 'region', plannedCents: 100_000 },
				{ kind: 'charge', account: '861', label: 'Salle prêtée', plannedCents: 40_000 }
			]
		});
		expect(view.balanced).toBe(false);
		expect(view.gapCents).toBe(-50_000);
		expect(view.inKindBalanced).toBe(false);
		expect(view.inKindGapCents).toBe(-40_000);
		expect(view.lines.map((l) => l.actualCents)).toEqual([0, 0, 0]);
	});

	it('test_bad_amounts_or_accounts_are_refused_and_nothing_changes', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		const bad = [
			{ kind: 'charge', account: '606', label: 'Négatif', plannedCents: -100, actualCents: 0 },
			{ kind: 'charge', account: '606', label: 'Texte', plannedCents: '12,50', actualCents: 0 },
			{ kind: 'charge', account: '606', label: 'Trois décimales', plannedCents: 12.345, actualCents: 0 },
			{ kind: 'charge', account: '999', label: 'Inconnu', plannedCents: 100 },
			{ kind: 'charge', account: '74', label: 'Mauvais côté', plannedCents: 100 },
			{ kind: 'produit', account: '70', label: 'Financeur hors 74', funder: 'region', plannedCents: 100 },
			{ kind: 'charge', account: '623', label: 'Sans montant' },
			{ kind: 'depense', account: '623', plannedCents: 1 }
		];
		expect(await issuesOf(replaceBudget(ctx, alice, ev.slug, { lines: bad }))).toEqual([
			'lines.0.plannedCents:budget.errors.amountNegative',
			'lines.1.plannedCents:budget.errors.amountNotNumber',
			'lines.2.plannedCents:budget.errors.centsInteger',
			'lines.3.account:budget.errors.accountUnknown',
			'lines.4.account:budget.errors.accountIsProduit',
			'lines.5.funder:budget.errors.funderOnly74',
			'lines.6.plannedCents:budget.errors.amountRequired',
			'lines.7.kind:budget.errors.kindInvalid'
		]);
		const after = await getBudgetForApi(ctx, alice, ev.slug);
		expect(after.lines).toHaveLength(balancedBudgetLines().length);
		expect(after.totals.chargesPlannedCents).toBe(1_234_000);
		expect(await issuesOf(replaceBudget(ctx, alice, ev.slug, { lines: [], extra: 1 }))).toEqual(['extra:errors.unknownField']);
	});

	it('test_staff_lines_are_days_times_daily_cost_and_follow_the_time_tracking', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice, { organisers: [] });
		const lead = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Cheffe de projet' });
		const officer = await addCommitteeMember(ctx, alice, ev.slug, { kind: 'person', name: 'Chargé de mission' });
		await addBudgetLine(ctx, alice, ev.slug, {
			kind: 'charge',
			account: '641',
			label: 'Cheffe de projet',
			staff: { memberId: lead.id, plannedDays: 20, dailyCostCents: 35_000 }
		});
		let budget = await getBudget(ctx, alice, ev.slug);
		expect(budget.lines[0]).toMatchObject({
			plannedCents: 700_000,
			actualCents: 0,
			staff: { plannedDaysX100: 2000, actualDaysX100: null, memberName: 'Cheffe de projet' }
		});

		await addTimeEntry(ctx, alice, ev.slug, { memberId: lead.id, phase: 'framing', minutes: 18 * 7 * 60 });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: lead.id, phase: 'production', minutes: 3 * 60 + 30 });
		await addTimeEntry(ctx, alice, ev.slug, { memberId: officer.id, phase: 'day', minutes: 10 * 7 * 60 });
		expect(await syncStaffFromTime(ctx, alice, ev.slug)).toEqual({ updated: 1, created: 1 });
		budget = await getBudget(ctx, alice, ev.slug);
		// 18.5 days × 350 € = 6 475 €.
		expect(budget.lines[0]).toMatchObject({ actualCents: 647_500, staff: { actualDaysX100: 1850 } });
		expect(budget.lines[1]).toMatchObject({
			account: '641',
			label: 'Chargé de mission',
			plannedCents: 0,
			source: 'time-tracking',
			staff: { plannedDaysX100: 1000, dailyCostCents: 0 }
		});
		expect(budget.staffWithoutCost).toBe(1);
		// Again: the same lines are updated, none is added.
		expect(await syncStaffFromTime(ctx, alice, ev.slug)).toEqual({ updated: 2, created: 0 });

		expect(
			await issuesOf(
				addBudgetLine(ctx, alice, ev.slug, {
					kind: 'charge',
					account: '606',
					label: 'X',
					staff: { plannedDays: 1.255, dailyCostCents: 100 }
				})
			)
		).toEqual(expect.arrayContaining(['account:budget.errors.staffAccount', 'staff.plannedDays:budget.errors.daysDecimals']));
		const api = await getBudgetForApi(ctx, alice, ev.slug);
		expect(api.lines[0].staff).toEqual({ memberId: lead.id, plannedDays: 20, actualDays: 18.5, dailyCostCents: 35_000 });
		// The API's PUT takes the staff lines back unchanged.
		const again = await replaceBudget(ctx, alice, ev.slug, { lines: api.lines });
		expect(again.lines.map((l) => [l.plannedCents, l.actualCents])).toEqual(budget.lines.map((l) => [l.plannedCents, l.actualCents]));
	});

	it('test_travel_estimates_flow_in_from_the_programme', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await expect(syncTravelFromProgramme(ctx, alice, ev.slug)).rejects.toBeInstanceOf(ConflictError);
		await newSpeakerWithTravel(t.db, ev.id, 12_050);
		await newSpeakerWithTravel(t.db, ev.id, 30_000, 'invited');
		await newSpeakerWithTravel(t.db, ev.id, 99_999, 'declined');
		await newSpeakerWithTravel(t.db, ev.id, null);
		let budget = await getBudget(ctx, alice, ev.slug);
		expect(budget.travel).toEqual({ speakers: 2, cents: 42_050, lineCents: null, upToDate: false });
		expect(await syncTravelFromProgramme(ctx, alice, ev.slug)).toEqual({ speakers: 2, cents: 42_050 });
		await newSpeakerWithTravel(t.db, ev.id, 10_000);
		budget = await getBudget(ctx, alice, ev.slug);
		expect(budget.travel).toMatchObject({ cents: 52_050, lineCents: 42_050, upToDate: false });
		await syncTravelFromProgramme(ctx, alice, ev.slug);
		budget = await getBudget(ctx, alice, ev.slug);
		expect(budget.lines.filter((l) => l.source === 'programme-travel')).toMatchObject([{ account: '625', plannedCents: 52_050 }]);
		expect(budget.travel.upToDate).toBe(true);
	});

	it('test_permissions_outsider_404_readonly_403', async () => {
		const alice = await newUser(t.db);
		const ev = await newPreparedEvent(ctx, alice);
		await replaceBudget(ctx, alice, ev.slug, { lines: balancedBudgetLines() });
		const stranger = await newUser(t.db);
		const reader = await newUser(t.db);
		await addTeamMember(t.db, ev.id, reader.id, 'readonly');
		await expect(getBudgetForApi(ctx, stranger, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getBudget(ctx, null, ev.slug)).rejects.toBeInstanceOf(NotFoundError);
		await expect(replaceBudget(ctx, stranger, ev.slug, { lines: [] })).rejects.toBeInstanceOf(NotFoundError);
		expect((await getBudgetForApi(ctx, reader, ev.slug)).balanced).toBe(true);
		await expect(replaceBudget(ctx, reader, ev.slug, { lines: [] })).rejects.toBeInstanceOf(ForbiddenError);
		const line = (await getBudget(ctx, alice, ev.slug)).lines[0];
		await expect(deleteBudgetLine(ctx, reader, ev.slug, line.id)).rejects.toBeInstanceOf(ForbiddenError);
		await deleteBudgetLine(ctx, alice, ev.slug, line.id);
		expect((await getBudget(ctx, alice, ev.slug)).lines).toHaveLength(balancedBudgetLines().length - 1);
	});
});

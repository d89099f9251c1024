/**
 * The event's budget in the Cerfa 12156 layout: planned and actual amounts per account, in
 * integer cents. The checks (total charges = total produits; 86 = 87; planned vs actual per
 * line) are computed at every read and always shown; an unbalanced budget may be saved while
 * drafting, and is flagged. Staff lines are days × daily cost, fed by the time tracking on
 * request; the speakers' travel estimates come from the programme as a suggested 625 line.
 */
import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { BudgetLineTable } from '../db/tables/preparation.ts';
import { nowIso, toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { ConflictError, NotFoundError, ValidationError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite } from '../edit-version.ts';
import { createHash } from 'node:crypto';
import { eventForPreparation } from '../planning/event-access.ts';
import { parseOrThrowPrep } from '../planning/prep-validation.ts';
import { HOURS_PER_DAY } from '../planning/planning.rules.ts';
import { listCommitteeRows, sumMinutesByMember } from '../planning/committee.queries.ts';
import { nextPosition } from '../planning/task.queries.ts';
import { CERFA_CLASSES, FUNDERS, TRAVEL_ACCOUNT, accountRank, classOf, isInKind, type BudgetKind, type Funder } from './budget.accounts.ts';
import { budgetInputSchema, budgetLineInputSchema, type BudgetLineInput } from './budget.schema.ts';
import {
	deleteBudgetRow,
	insertBudgetRow,
	listBudgetRows,
	lockBudget,
	replaceBudgetRows,
	sumSpeakerTravel,
	updateBudgetRow,
	type BudgetLineRow
} from './budget.queries.ts';
import { staffCents } from './money.ts';
import { budgetCsv, planningWorkbook, reportWorkbook } from './budget.export.ts';
import { CSV_CONTENT_TYPE, type CsvOptions } from '../csv.ts';

export interface BudgetLineView {
	id: string;
	kind: BudgetKind;
	account: string;
	label: string;
	funder: Funder | null;
	plannedCents: number;
	actualCents: number;
	/** Actual minus planned. */
	varianceCents: number;
	staff: {
		memberId: string | null;
		memberName: string | null;
		plannedDaysX100: number;
		actualDaysX100: number | null;
		dailyCostCents: number;
	} | null;
	source: 'programme-travel' | 'time-tracking' | null;
	/** Raised at each change of the line: the budget form sends it back (no lost update). */
	version: number;
}

export interface BudgetTotals {
	chargesPlannedCents: number;
	produitsPlannedCents: number;
	chargesActualCents: number;
	produitsActualCents: number;
}

export interface ClassGroup {
	code: string;
	kind: BudgetKind;
	inKind: boolean;
	plannedCents: number;
	actualCents: number;
	lines: BudgetLineView[];
}

export interface BudgetView {
	lines: BudgetLineView[];
	/** Charges 60–68 and produits 70–79 with own funds: the Cerfa's "total des charges / des produits". */
	totals: BudgetTotals;
	/** Contributions in kind: 86 on the charges side, 87 on the produits side. */
	inKind: BudgetTotals;
	balanced: boolean;
	inKindBalanced: boolean;
	actualBalanced: boolean;
	/** Produits minus charges, planned (negative: charges exceed produits). */
	gapCents: number;
	inKindGapCents: number;
	/** Every class of each side in the Cerfa's order, empty ones included, lines sorted by account. */
	charges: ClassGroup[];
	produits: ClassGroup[];
	/** Staff lines without a daily cost yet. */
	staffWithoutCost: number;
}

const funderRank = (f: string | null) => (f ? FUNDERS.indexOf(f as Funder) : FUNDERS.length);

function toLineView(row: BudgetLineRow): BudgetLineView {
	const planned = Number(row.planned_cents);
	const actual = Number(row.actual_cents);
	return {
		id: row.id,
		kind: row.kind as BudgetKind,
		account: row.account,
		label: row.label,
		funder: (row.funder as Funder | null) ?? null,
		plannedCents: planned,
		actualCents: actual,
		varianceCents: actual - planned,
		staff:
			row.daily_cost_cents !== null
				? {
						memberId: row.staff_member_id,
						memberName: row.staff_member_name,
						plannedDaysX100: Number(row.planned_days_x100 ?? 0),
						actualDaysX100: row.actual_days_x100 === null ? null : Number(row.actual_days_x100),
						dailyCostCents: Number(row.daily_cost_cents)
					}
				: null,
		source: (row.source as BudgetLineView['source']) ?? null,
		version: Number(row.version)
	};
}

const sum = (lines: BudgetLineView[], key: 'plannedCents' | 'actualCents') => lines.reduce((a, l) => a + l[key], 0);

/** The totals, checks and Cerfa grouping of a set of lines; pure. */
export function computeBudget(lines: BudgetLineView[]): BudgetView {
	const side = (kind: BudgetKind, inKind: boolean) => lines.filter((l) => l.kind === kind && isInKind(l.account) === inKind);
	const totals: BudgetTotals = {
		chargesPlannedCents: sum(side('charge', false), 'plannedCents'),
		produitsPlannedCents: sum(side('produit', false), 'plannedCents'),
		chargesActualCents: sum(side('charge', false), 'actualCents'),
		produitsActualCents: sum(side('produit', false), 'actualCents')
	};
	const inKind: BudgetTotals = {
		chargesPlannedCents: sum(side('charge', true), 'plannedCents'),
		produitsPlannedCents: sum(side('produit', true), 'plannedCents'),
		chargesActualCents: sum(side('charge', true), 'actualCents'),
		produitsActualCents: sum(side('produit', true), 'actualCents')
	};
	const groups = (kind: BudgetKind): ClassGroup[] =>
		CERFA_CLASSES.filter((c) => c.kind === kind).map((c) => {
			const own = lines
				.filter((l) => classOf(l.account)?.code === c.code)
				.sort((a, b) => accountRank(a.account) - accountRank(b.account) || funderRank(a.funder) - funderRank(b.funder));
			return {
				code: c.code,
				kind,
				inKind: c.inKind,
				plannedCents: sum(own, 'plannedCents'),
				actualCents: sum(own, 'actualCents'),
				lines: own
			};
		});
	return {
		lines,
		totals,
		inKind,
		balanced: totals.chargesPlannedCents === totals.produitsPlannedCents,
		inKindBalanced: inKind.chargesPlannedCents === inKind.produitsPlannedCents,
		actualBalanced: totals.chargesActualCents === totals.produitsActualCents && inKind.chargesActualCents === inKind.produitsActualCents,
		gapCents: totals.produitsPlannedCents - totals.chargesPlannedCents,
		inKindGapCents: inKind.produitsPlannedCents - inKind.chargesPlannedCents,
		charges: groups('charge'),
		produits: groups('produit'),
		staffWithoutCost: lines.filter((l) => l.staff && l.staff.dailyCostCents === 0).length
	};
}

/** Every line of an event's budget with its totals and checks; no permission check. */
export async function loadBudgetView(db: DbOrTx, eventId: string): Promise<BudgetView> {
	return computeBudget((await listBudgetRows(db, eventId)).map(toLineView));
}

/**
 * The budget page: the Cerfa table with its checks, and what could flow in — the programme's
 * travel estimates (against the 625 line that holds them) and the time logged per person.
 */
export async function getBudget(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const [view, travel, members] = await Promise.all([
		loadBudgetView(ctx.db, event.id),
		sumSpeakerTravel(ctx.db, event.id),
		listCommitteeRows(ctx.db, event.id)
	]);
	const travelLine = view.lines.find((l) => l.source === 'programme-travel') ?? null;
	return {
		...view,
		role,
		event: { id: event.id, slug: event.slug, title: event.title },
		travel: {
			...travel,
			lineCents: travelLine?.plannedCents ?? null,
			upToDate: travelLine !== null && travelLine.plannedCents === travel.cents
		},
		members: members.map((m) => ({ id: m.id, name: m.name, kind: m.kind }))
	};
}

/** The budget as the API answers it: the contract's fields, plus funder/staff/source where set. */
export function budgetForApi(view: BudgetView) {
	return {
		lines: view.lines.map((l) => ({
			kind: l.kind,
			account: l.account,
			label: l.label,
			plannedCents: l.plannedCents,
			actualCents: l.actualCents,
			...(l.funder ? { funder: l.funder } : {}),
			...(l.staff
				? {
						staff: {
							memberId: l.staff.memberId,
							plannedDays: l.staff.plannedDaysX100 / 100,
							actualDays: l.staff.actualDaysX100 === null ? null : l.staff.actualDaysX100 / 100,
							dailyCostCents: l.staff.dailyCostCents
						}
					}
				: {}),
			...(l.source ? { source: l.source } : {})
		})),
		totals: view.totals,
		balanced: view.balanced,
		inKindBalanced: view.inKindBalanced,
		inKind: view.inKind,
		actualBalanced: view.actualBalanced
	};
}

/** `GET /api/v1/events/{slug}/budget`, for the team only (404 otherwise). */
export async function getBudgetForApi(ctx: ServiceContext, actor: Actor, slug: string) {
	return (await readBudgetForApi(ctx, actor, slug)).body;
}

/** The API's budget and its ETag (`budgetTag`), read together. */
export async function readBudgetForApi(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const view = await loadBudgetView(ctx.db, event.id);
	return { body: budgetForApi(view), tag: budgetTag(view.lines) };
}

const daysX100 = (days: number) => Math.round(days * 100);

/** The stored columns of a validated line: staff lines get their amounts from days × daily cost. */
function lineColumns(line: BudgetLineInput) {
	const staff = line.staff ?? null;
	const planned = staff ? staffCents(daysX100(staff.plannedDays), staff.dailyCostCents) : (line.plannedCents ?? 0);
	const actual =
		staff && staff.actualDays !== null && staff.actualDays !== undefined
			? staffCents(daysX100(staff.actualDays), staff.dailyCostCents)
			: (line.actualCents ?? 0);
	return {
		kind: line.kind,
		account: line.account,
		label: line.label,
		funder: line.funder ?? null,
		planned_cents: planned,
		actual_cents: actual,
		staff_member_id: staff?.memberId ?? null,
		planned_days_x100: staff ? daysX100(staff.plannedDays) : null,
		actual_days_x100: staff && staff.actualDays !== null && staff.actualDays !== undefined ? daysX100(staff.actualDays) : null,
		daily_cost_cents: staff ? staff.dailyCostCents : null,
		source: line.source ?? null
	};
}

async function checkStaffMembers(db: DbOrTx, eventId: string, lines: BudgetLineInput[], path: (i: number) => string): Promise<void> {
	const wanted = lines.map((l, i) => [i, l.staff?.memberId] as const).filter(([, m]) => m);
	if (wanted.length === 0) return;
	const known = new Set((await listCommitteeRows(db, eventId)).map((m) => m.id));
	const bad = wanted.filter(([, m]) => !known.has(m!));
	if (bad.length) throw new ValidationError(bad.map(([i]) => ({ field: path(i), message: 'budget.errors.staffMemberUnknown' })));
}

/**
 * Replaces the whole budget with `input.lines` (the API's PUT). Every line is checked first —
 * amounts in integer cents, known Cerfa accounts on the right side — and nothing changes when one
 * is wrong. Unbalanced budgets are accepted (and flagged when read). With `ifMatch` (the budget's
 * ETags the caller accepts): StaleVersionError when a line was added, changed or removed since.
 */
export async function replaceBudget(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	ifMatch?: string[]
): Promise<BudgetView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		await lockBudget(tx, event.id);
		if (ifMatch && !ifMatch.includes(budgetTag(await listBudgetRows(tx, event.id)))) throw new StaleVersionError(null, true);
		const data = parseOrThrowPrep(budgetInputSchema, input);
		await checkStaffMembers(tx, event.id, data.lines, (i) => `lines.${i}.staff.memberId`);
		const stamp = nowIso();
		const rows: Insertable<BudgetLineTable>[] = data.lines.map((line, i) => ({
			id: crypto.randomUUID(),
			event_id: event.id,
			position: i,
			...lineColumns(line),
			created_at: stamp,
			updated_at: stamp
		}));
		await replaceBudgetRows(tx, event.id, rows);
		return loadBudgetView(tx, event.id);
	});
}

/** The budget's ETag: a digest of its lines' ids and versions, so any added, changed or removed line changes it. */
export function budgetTag(rows: { id: string; version: number | string }[]): string {
	const lines = rows.map((r) => `${r.id}:${Number(r.version)}`).sort();
	return `b${createHash('sha256').update(lines.join(',')).digest('base64url').slice(0, 22)}`;
}

/** What the budget form posts for one existing line besides its values: which line, and the version it was loaded with. */
export interface BudgetLineKey {
	id: string;
	version: number | undefined;
}

const sameColumns = (columns: Record<string, unknown>, row: Record<string, unknown>) =>
	Object.entries(columns).every(([k, v]) => String(v ?? '') === String(row[k] ?? ''));

/**
 * Saves the budget table line by line, never "everything loaded": `input.lines` are the lines
 * kept (each named by `keys`, same order), `removed` the lines ticked for removal. A line whose
 * values are those stored is left alone; any other is written only while it has the version the
 * page was loaded with; lines added meanwhile by someone else are not touched. One stale line
 * (changed or deleted since): StaleVersionError, and nothing is written.
 */
export async function saveBudgetLines(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	keys: BudgetLineKey[],
	removed: BudgetLineKey[] = []
): Promise<BudgetView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrowPrep(budgetInputSchema, input);
		await checkStaffMembers(tx, event.id, data.lines, (i) => `lines.${i}.staff.memberId`);
		await lockBudget(tx, event.id);
		const rows = new Map((await listBudgetRows(tx, event.id)).map((r) => [r.id, r]));
		const stamp = nowIso();
		for (const [i, line] of data.lines.entries()) {
			const key = keys[i];
			const row = key ? rows.get(key.id) : undefined;
			if (!row) throw new StaleVersionError(null, true);
			const columns = lineColumns(line);
			if (sameColumns(columns, row)) continue;
			const versions = versionsToWrite(key.version, Number(row.version));
			if (!(await updateBudgetRow(tx, row.id, { ...columns, updated_at: stamp }, versions))) throw new StaleVersionError(null, true);
		}
		for (const key of removed) {
			const row = rows.get(key.id);
			if (!row) continue; // removed by someone else already: what was wanted
			const versions = versionsToWrite(key.version, Number(row.version));
			if (!(await deleteBudgetRow(tx, event.id, row.id, versions))) throw new StaleVersionError(null, true);
		}
		return loadBudgetView(tx, event.id);
	});
}

/** Adds one line at the end of the budget. */
export async function addBudgetLine(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<BudgetView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const line = parseOrThrowPrep(budgetLineInputSchema, input);
		await lockBudget(tx, event.id);
		await checkStaffMembers(tx, event.id, [line], () => 'staff.memberId');
		const stamp = nowIso();
		await insertBudgetRow(tx, {
			id: crypto.randomUUID(),
			event_id: event.id,
			position: await nextPosition(tx, 'budget_line', event.id),
			...lineColumns(line),
			created_at: stamp,
			updated_at: stamp
		});
		return loadBudgetView(tx, event.id);
	});
}

/** Deletes one line of the budget. */
export async function deleteBudgetLine(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		await lockBudget(tx, event.id);
		if (!(await deleteBudgetRow(tx, event.id, id))) throw new NotFoundError('budget-line');
	});
}

/** The label of the line that holds the programme's travel estimates. */
export const TRAVEL_LINE_LABEL = 'Déplacements des intervenants (estimations du programme)';

/**
 * Puts the programme's travel estimates into the budget: the 625 line marked as coming from the
 * programme gets their sum as its planned amount (created when missing). ConflictError when no
 * speaker has an estimate. Returns the sum and the number of speakers.
 */
export async function syncTravelFromProgramme(
	ctx: ServiceContext,
	actor: Actor,
	slug: string
): Promise<{ speakers: number; cents: number }> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		await lockBudget(tx, event.id);
		const travel = await sumSpeakerTravel(tx, event.id);
		if (travel.speakers === 0) throw new ConflictError([{ field: 'travel', message: 'budget.errors.noTravelEstimates' }]);
		const existing = (await listBudgetRows(tx, event.id)).find((r) => r.source === 'programme-travel');
		const stamp = nowIso();
		if (existing) await updateBudgetRow(tx, existing.id, { planned_cents: travel.cents, updated_at: stamp });
		else
			await insertBudgetRow(tx, {
				id: crypto.randomUUID(),
				event_id: event.id,
				position: await nextPosition(tx, 'budget_line', event.id),
				kind: 'charge',
				account: TRAVEL_ACCOUNT,
				label: TRAVEL_LINE_LABEL,
				funder: null,
				planned_cents: travel.cents,
				actual_cents: 0,
				staff_member_id: null,
				planned_days_x100: null,
				actual_days_x100: null,
				daily_cost_cents: null,
				source: 'programme-travel',
				created_at: stamp,
				updated_at: stamp
			});
		return travel;
	});
}

/** Minutes as hundredths of a working day (7 hours), rounded to the nearest hundredth. */
export function minutesToDaysX100(minutes: number): number {
	return Math.round((minutes * 100) / (HOURS_PER_DAY * 60));
}

/**
 * Feeds the staff lines from the time tracking: each committee member with logged time gets
 * the actual days of their staff line updated (amount = days × daily cost), or a new 641 line
 * whose planned and actual days are the logged days and whose daily cost is left to fill in.
 * Returns how many lines were updated and created.
 */
export async function syncStaffFromTime(ctx: ServiceContext, actor: Actor, slug: string): Promise<{ updated: number; created: number }> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		await lockBudget(tx, event.id);
		const [minutes, members, rows] = await Promise.all([
			sumMinutesByMember(tx, event.id),
			listCommitteeRows(tx, event.id),
			listBudgetRows(tx, event.id)
		]);
		let updated = 0;
		let created = 0;
		let position = await nextPosition(tx, 'budget_line', event.id);
		const stamp = nowIso();
		for (const member of members) {
			const m = minutes.get(member.id);
			if (!m) continue;
			const days = minutesToDaysX100(m);
			const lines = rows.filter((r) => r.staff_member_id === member.id && r.daily_cost_cents !== null);
			if (lines.length) {
				// With several lines for one person (own staff and volunteer time), the first one gets the days.
				const line = lines[0];
				await updateBudgetRow(tx, line.id, {
					actual_days_x100: days,
					actual_cents: staffCents(days, Number(line.daily_cost_cents)),
					updated_at: stamp
				});
				updated++;
			} else {
				await insertBudgetRow(tx, {
					id: crypto.randomUUID(),
					event_id: event.id,
					position: position++,
					kind: 'charge',
					account: '641',
					label: member.name,
					funder: null,
					planned_cents: 0,
					actual_cents: 0,
					staff_member_id: member.id,
					planned_days_x100: days,
					actual_days_x100: days,
					daily_cost_cents: 0,
					source: 'time-tracking',
					created_at: stamp,
					updated_at: stamp
				});
				created++;
			}
		}
		return { updated, created };
	});
}

export const BUDGET_EXPORTS = ['cerfa-12156', 'cerfa-15059', 'csv'] as const;
export type BudgetExport = (typeof BUDGET_EXPORTS)[number];

/**
 * A file of the budget for the team: the planned budget as the Cerfa 12156 table (XLSX), the
 * financial report as the Cerfa 15059 (XLSX), or every line as CSV.
 */
export async function exportBudget(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	format: BudgetExport,
	csv?: CsvOptions
): Promise<{ filename: string; contentType: string; body: Uint8Array<ArrayBuffer> | string }> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const view = await loadBudgetView(ctx.db, event.id);
	const info = { title: event.title, slug: event.slug, startsAt: toIso(event.starts_at), endsAt: toIso(event.ends_at) };
	const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
	if (format === 'cerfa-12156')
		return { filename: `budget-previsionnel-${event.slug}.xlsx`, contentType: xlsx, body: await planningWorkbook(view, info) };
	if (format === 'cerfa-15059')
		return { filename: `compte-rendu-financier-${event.slug}.xlsx`, contentType: xlsx, body: await reportWorkbook(view, info) };
	return { filename: `budget-${event.slug}.csv`, contentType: CSV_CONTENT_TYPE, body: budgetCsv(view, csv) };
}

import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import { columnTypes } from '../db/dialect.ts';
import type { BudgetLineTable } from '../db/tables/preparation.ts';

export type BudgetLineRow = Selectable<BudgetLineTable> & { staff_member_name: string | null };

/** The event's budget lines with the names of staff lines' people, in one query. */
export function listBudgetRows(db: DbOrTx, eventId: string): Promise<BudgetLineRow[]> {
	return db
		.selectFrom('budget_line')
		.leftJoin('committee_member', 'committee_member.id', 'budget_line.staff_member_id')
		.selectAll('budget_line')
		.select('committee_member.name as staff_member_name')
		.where('budget_line.event_id', '=', eventId)
		.orderBy('budget_line.position')
		.execute();
}

/** Replaces every line of the event's budget (the PUT of the API, the budget form). */
export async function replaceBudgetRows(db: DbOrTx, eventId: string, rows: Insertable<BudgetLineTable>[]): Promise<void> {
	await db.deleteFrom('budget_line').where('event_id', '=', eventId).execute();
	if (rows.length) await db.insertInto('budget_line').values(rows).execute();
}

export async function insertBudgetRow(db: DbOrTx, row: Insertable<BudgetLineTable>): Promise<void> {
	await db.insertInto('budget_line').values(row).execute();
}

/** Changes a line and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateBudgetRow(
	db: DbOrTx,
	id: string,
	values: Partial<Insertable<BudgetLineTable>>,
	versions?: number[]
): Promise<boolean> {
	let q = db
		.updateTable('budget_line')
		.set({ ...values, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** Deletes a line; with `versions`, only while it has one of them. False when nothing was deleted. */
export async function deleteBudgetRow(db: DbOrTx, eventId: string, id: string, versions?: number[]): Promise<boolean> {
	let q = db.deleteFrom('budget_line').where('event_id', '=', eventId).where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
}

/**
 * Serialises the writes of one event's budget (PostgreSQL: the event's row, locked until the
 * transaction ends; SQLite has a single writer already), so that the budget's ETag read at the
 * start of a write is still the budget's when it is written.
 */
export async function lockBudget(db: DbOrTx, eventId: string): Promise<void> {
	if (!columnTypes(db).pg) return;
	await db.selectFrom('event').select('id').where('id', '=', eventId).forUpdate().execute();
}

/**
 * The programme's travel estimates for the event's speakers (`speaker.travel_cost_cents`),
 * declined speakers left out. Read here, without depending on the programme's services.
 */
export async function sumSpeakerTravel(db: DbOrTx, eventId: string): Promise<{ speakers: number; cents: number }> {
	const row = await db
		.selectFrom('speaker')
		.select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('travel_cost_cents').as('cents')])
		.where('event_id', '=', eventId)
		.where('status', '!=', 'declined')
		.where('travel_cost_cents', 'is not', null)
		.where('travel_cost_cents', '>', 0)
		.executeTakeFirst();
	return { speakers: Number(row?.n ?? 0), cents: Number(row?.cents ?? 0) };
}

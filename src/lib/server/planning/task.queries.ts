import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { LogisticsItemTable, PlanningTaskTable } from '../db/tables/preparation.ts';

export type TaskRow = Selectable<PlanningTaskTable>;
export type LogisticsRow = Selectable<LogisticsItemTable>;

/** Names and addresses of a row's owner, whichever kind it is, joined in the same query. */
export interface OwnerColumns {
	owner_user_name: string | null;
	owner_user_email: string | null;
	owner_committee_name: string | null;
	owner_committee_email: string | null;
}

/** The event's tasks with their owners' names: one query whatever the number of tasks. */
export function listTaskRows(db: DbOrTx, eventId: string): Promise<(TaskRow & OwnerColumns)[]> {
	return db
		.selectFrom('planning_task')
		.leftJoin('user', 'user.id', 'planning_task.owner_user_id')
		.leftJoin('committee_member', 'committee_member.id', 'planning_task.owner_committee_id')
		.selectAll('planning_task')
		.select([
			'user.name as owner_user_name',
			'user.email as owner_user_email',
			'committee_member.name as owner_committee_name',
			'committee_member.email as owner_committee_email'
		])
		.where('planning_task.event_id', '=', eventId)
		.orderBy('planning_task.position')
		.execute();
}

export function findTaskRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('planning_task').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function insertTaskRows(db: DbOrTx, rows: Insertable<PlanningTaskTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('planning_task').values(rows).execute();
}

/** Changes a task and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateTaskRow(db: DbOrTx, id: string, values: Updateable<PlanningTaskTable>, versions?: number[]): Promise<boolean> {
	let q = db
		.updateTable('planning_task')
		.set({ ...values, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function deleteTaskRow(db: DbOrTx, eventId: string, id: string): Promise<boolean> {
	const r = await db.deleteFrom('planning_task').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** The next free position at the end of a list. */
export async function nextPosition(
	db: DbOrTx,
	table: 'planning_task' | 'logistics_item' | 'committee_member' | 'budget_line',
	eventId: string
): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('position').as('p'))
		.where('event_id', '=', eventId)
		.executeTakeFirst();
	return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

/** Template keys already used by the event, so that applying a template twice adds nothing. */
export async function listTemplateKeys(db: DbOrTx, table: 'planning_task' | 'logistics_item', eventId: string): Promise<Set<string>> {
	const rows = await db
		.selectFrom(table)
		.select('template_key')
		.where('event_id', '=', eventId)
		.where('template_key', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.template_key!));
}

export function listLogisticsRows(db: DbOrTx, eventId: string): Promise<(LogisticsRow & OwnerColumns)[]> {
	return db
		.selectFrom('logistics_item')
		.leftJoin('user', 'user.id', 'logistics_item.owner_user_id')
		.leftJoin('committee_member', 'committee_member.id', 'logistics_item.owner_committee_id')
		.selectAll('logistics_item')
		.select([
			'user.name as owner_user_name',
			'user.email as owner_user_email',
			'committee_member.name as owner_committee_name',
			'committee_member.email as owner_committee_email'
		])
		.where('logistics_item.event_id', '=', eventId)
		.orderBy('logistics_item.position')
		.execute();
}

export function findLogisticsRow(db: DbOrTx, eventId: string, id: string) {
	return db.selectFrom('logistics_item').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function insertLogisticsRows(db: DbOrTx, rows: Insertable<LogisticsItemTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('logistics_item').values(rows).execute();
}

/** Changes a checklist item and raises its version; with `versions`, only while it has one of them (else false). */
export async function updateLogisticsRow(
	db: DbOrTx,
	id: string,
	values: Updateable<LogisticsItemTable>,
	versions?: number[]
): Promise<boolean> {
	let q = db
		.updateTable('logistics_item')
		.set({ ...values, version: sql<number>`version + 1` })
		.where('id', '=', id);
	if (versions) q = q.where('version', 'in', versions);
	return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

export async function deleteLogisticsRow(db: DbOrTx, eventId: string, id: string): Promise<boolean> {
	const r = await db.deleteFrom('logistics_item').where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** Whether the owner named belongs to the event: a team member, or a committee member of it. */
export async function ownerBelongsToEvent(
	db: DbOrTx,
	eventId: string,
	owner: { type: 'member' | 'committee'; id: string }
): Promise<boolean> {
	if (owner.type === 'member') {
		const row = await db
			.selectFrom('event_member')
			.select('user_id')
			.where('event_id', '=', eventId)
			.where('user_id', '=', owner.id)
			.executeTakeFirst();
		return row !== undefined;
	}
	const row = await db
		.selectFrom('committee_member')
		.select('id')
		.where('event_id', '=', eventId)
		.where('id', '=', owner.id)
		.executeTakeFirst();
	return row !== undefined;
}

/** The event's rooms as the programme declares them (name and capacity), read-only here. */
export function listProgrammeRooms(db: DbOrTx, eventId: string) {
	return db.selectFrom('room').select(['id', 'name', 'capacity']).where('event_id', '=', eventId).orderBy('position').execute();
}

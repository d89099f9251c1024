/**
 * The retro-planning: tasks and milestones dated relative to the event's first day (J−180,
 * J+7) or on a fixed day, with an owner, a status and a phase. Relative dates are computed from
 * the event's stored start at every read, so moving the event moves every relative task and
 * nothing needs to hook into the event's own update.
 */
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { checkOwnerOfEvent, datedItemColumns, datedItemInput, mergeDatedPatch } from './dated-item.ts';
import { eventForPreparation, ownerOf, type OwnerView } from './event-access.ts';
import { parseOrThrowPrep } from './prep-validation.ts';
import {
	dueDateOf,
	firstDayOf,
	formatOffset,
	isLate,
	isOpen,
	isThisWeek,
	phaseRank,
	todayIn,
	type Phase,
	type TaskKind,
	type TaskStatus
} from './planning.rules.ts';
import { taskInputSchema, type TaskInput } from './planning.schema.ts';
import { LOGISTICS_TEMPLATE, TASK_TEMPLATE } from './planning.template.ts';
import {
	deleteTaskRow,
	findTaskRow,
	insertLogisticsRows,
	insertTaskRows,
	listTaskRows,
	listTemplateKeys,
	nextPosition,
	updateTaskRow,
	type OwnerColumns,
	type TaskRow
} from './task.queries.ts';
import { listCommitteeRows, listTeamForOwners } from './committee.queries.ts';
import { importOrganisersIntoCommittee } from './committee.service.ts';

export interface TaskView {
	id: string;
	title: string;
	kind: TaskKind;
	phase: Phase;
	/** `YYYY-MM-DD`: the fixed date, or the first day plus the offset. */
	dueDate: string;
	offsetDays: number | null;
	/** "J−180", "J+7", or null for a fixed date. */
	offsetLabel: string | null;
	status: TaskStatus;
	owner: OwnerView | null;
	notes: string;
	late: boolean;
	thisWeek: boolean;
	/** Days from the event's first day to the due date, for fixed dates too (the timeline's scale). */
	daysFromStart: number;
	templateKey: string | null;
	completedAt: string | null;
	/** Raised at each change: the edit form and If-Match send it back (no lost update). */
	version: number;
}

function toTaskView(row: TaskRow & OwnerColumns, firstDay: string, today: string): TaskView {
	const dueDate = dueDateOf(row, firstDay);
	const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / 86_400_000);
	return {
		id: row.id,
		title: row.title,
		kind: row.kind as TaskKind,
		phase: row.phase as Phase,
		dueDate,
		offsetDays: row.offset_days,
		offsetLabel: row.offset_days === null ? null : formatOffset(row.offset_days),
		status: row.status as TaskStatus,
		owner: ownerOf(row),
		notes: row.notes,
		late: isLate(row.status, dueDate, today),
		thisWeek: isThisWeek(dueDate, today),
		daysFromStart: days,
		templateKey: row.template_key,
		completedAt: toIso(row.completed_at),
		version: Number(row.version)
	};
}

/** Due date first, then the life of the event, then the order they were written in. */
export function compareTasks(a: TaskView, b: TaskView): number {
	return (
		a.dueDate.localeCompare(b.dueDate) ||
		phaseRank(a.phase) - phaseRank(b.phase) ||
		(a.kind === b.kind ? 0 : a.kind === 'milestone' ? -1 : 1)
	);
}

/** The event's tasks, computed against its current first day (Paris) and today. */
export async function listTaskViews(db: DbOrTx, event: { id: string; starts_at: string | Date }, now: Date): Promise<TaskView[]> {
	const firstDay = firstDayOf(toIso(event.starts_at));
	const today = todayIn(now);
	const rows = await listTaskRows(db, event.id);
	return rows.map((r) => toTaskView(r, firstDay, today)).sort(compareTasks);
}

/** Everyone who can own a task or a checklist item: the team's accounts, then the committee. */
export async function listOwnerChoices(db: DbOrTx, eventId: string): Promise<OwnerView[]> {
	const [team, committee] = await Promise.all([listTeamForOwners(db, eventId), listCommitteeRows(db, eventId)]);
	return [
		...team.map((u) => ({ type: 'member' as const, id: u.id, name: u.name || u.email })),
		...committee.map((c) => ({ type: 'committee' as const, id: c.id, name: c.name }))
	];
}

/** Who may own tasks of the event, for the owner selects (the team's view permission is enough). */
export async function getPlanningOwners(ctx: ServiceContext, actor: Actor, slug: string): Promise<OwnerView[]> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	return listOwnerChoices(ctx.db, event.id);
}

/** The retro-planning of an event for its team (404 for anyone else), with today's flags. */
export async function listTasks(ctx: ServiceContext, actor: Actor, slug: string, now: Date = new Date()) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const tasks = await listTaskViews(ctx.db, event, now);
	return { eventId: event.id, firstDay: firstDayOf(toIso(event.starts_at)), today: todayIn(now), role, tasks };
}

/** One task of the event (NotFoundError when it is not one of this event's). */
export async function getTask(ctx: ServiceContext, actor: Actor, slug: string, id: string, now: Date = new Date()): Promise<TaskView> {
	const { tasks } = await listTasks(ctx, actor, slug, now);
	const task = tasks.find((t) => t.id === id);
	if (!task) throw new NotFoundError('task');
	return task;
}

/** A task as the API contract has it (`GET /api/v1/events/{slug}/tasks`). */
export function taskForApi(t: TaskView) {
	return {
		id: t.id,
		title: t.title,
		kind: t.kind,
		phase: t.phase,
		dueDate: t.dueDate,
		offsetDays: t.offsetDays,
		status: t.status,
		owner: t.owner,
		notes: t.notes,
		late: t.late,
		version: t.version
	};
}

/** The tasks as the API contract has them, by due date. */
export async function listTasksForApi(ctx: ServiceContext, actor: Actor, slug: string, now: Date = new Date()) {
	const { tasks } = await listTasks(ctx, actor, slug, now);
	return tasks.map(taskForApi);
}

function taskColumns(data: TaskInput) {
	return { title: data.title, kind: data.kind, phase: data.phase, ...datedItemColumns(data) };
}

/** Adds a task or milestone; it must be dated (an offset or a fixed day) and its owner must be the event's. */
export async function createTask(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	now: Date = new Date()
): Promise<TaskView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrowPrep(taskInputSchema, input);
		await checkOwnerOfEvent(tx, event.id, data.owner);
		const id = crypto.randomUUID();
		const stamp = nowIso();
		await insertTaskRows(tx, [
			{
				id,
				event_id: event.id,
				position: await nextPosition(tx, 'planning_task', event.id),
				...taskColumns(data),
				template_key: null,
				completed_at: data.status === 'done' ? stamp : null,
				created_at: stamp,
				updated_at: stamp
			}
		]);
		const views = await listTaskViews(tx, event, now);
		return views.find((t) => t.id === id)!;
	});
}

/** The stored task as an input, so that a partial change (the API's PATCH) is checked whole. */
function rowAsInput(row: TaskRow): Record<string, unknown> {
	return { title: row.title, kind: row.kind, phase: row.phase, ...datedItemInput(row) };
}

/**
 * Changes a task. `input` may be partial: what it names replaces the stored value. Giving a
 * fixed date drops the offset and the other way round, so a task can switch between the two.
 * With `version` (form, If-Match): StaleVersionError and nothing written when it changed since.
 */
export async function updateTask(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	now: Date = new Date(),
	version?: ExpectedVersion
): Promise<TaskView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const row = await findTaskRow(tx, event.id, id);
		if (!row) throw new NotFoundError('task');
		const versions = versionsToWrite(version, Number(row.version));
		const data = parseOrThrowPrep(taskInputSchema, mergeDatedPatch(rowAsInput(row), input));
		await checkOwnerOfEvent(tx, event.id, data.owner);
		const stamp = nowIso();
		const columns = {
			...taskColumns(data),
			completed_at: data.status === 'done' ? (row.completed_at ? toIso(row.completed_at) : stamp) : null,
			updated_at: stamp
		};
		if (!(await updateTaskRow(tx, row.id, columns, versions))) {
			const stored = await findTaskRow(tx, event.id, id);
			throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
		}
		const views = await listTaskViews(tx, event, now);
		return views.find((t) => t.id === id)!;
	});
}

/** Marks a task done (or any other status) from the timeline's one-button forms. */
export function setTaskStatus(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	status: string,
	now: Date = new Date()
): Promise<TaskView> {
	return updateTask(ctx, actor, slug, id, { status }, now);
}

/** Deletes a task (a template one comes back only when the template is applied again). */
export async function deleteTask(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		if (!(await deleteTaskRow(tx, event.id, id))) throw new NotFoundError('task');
	});
}

/**
 * Puts the template's tasks and checklist items into an event, skipping those it already has
 * (by template key): safe to call twice. Also brings the event's organising structures into
 * the committee. No permission check: for event creation (the caller's transaction) and the
 * service below. Returns how many tasks and items were added.
 */
export async function seedPreparation(db: DbOrTx, eventId: string): Promise<{ tasks: number; logistics: number }> {
	return withTx(db, async (tx) => {
		const stamp = nowIso();
		const haveTasks = await listTemplateKeys(tx, 'planning_task', eventId);
		const taskStart = await nextPosition(tx, 'planning_task', eventId);
		const tasks = TASK_TEMPLATE.filter((t) => !haveTasks.has(t.key)).map((t, i) => ({
			id: crypto.randomUUID(),
			event_id: eventId,
			position: taskStart + i,
			kind: t.kind,
			title: t.title,
			phase: t.phase,
			offset_days: t.offsetDays,
			fixed_date: null,
			status: 'todo',
			owner_user_id: null,
			owner_committee_id: null,
			notes: t.notes ?? '',
			template_key: t.key,
			completed_at: null,
			created_at: stamp,
			updated_at: stamp
		}));
		await insertTaskRows(tx, tasks);
		const haveItems = await listTemplateKeys(tx, 'logistics_item', eventId);
		const itemStart = await nextPosition(tx, 'logistics_item', eventId);
		const items = LOGISTICS_TEMPLATE.filter((t) => !haveItems.has(t.key)).map((t, i) => ({
			id: crypto.randomUUID(),
			event_id: eventId,
			position: itemStart + i,
			category: t.category,
			title: t.title,
			capacity: null,
			offset_days: t.offsetDays,
			fixed_date: null,
			status: 'todo',
			owner_user_id: null,
			owner_committee_id: null,
			notes: t.notes ?? '',
			template_key: t.key,
			created_at: stamp,
			updated_at: stamp
		}));
		await insertLogisticsRows(tx, items);
		await importOrganisersIntoCommittee(tx, eventId);
		return { tasks: tasks.length, logistics: items.length };
	});
}

/** For events created before the template existed (or after clearing it): adds what is missing. */
export async function applyPlanningTemplate(
	ctx: ServiceContext,
	actor: Actor,
	slug: string
): Promise<{ tasks: number; logistics: number }> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		return seedPreparation(tx, event.id);
	});
}

/** Open tasks only: what the weekly e-mail and the "to do" counts are about. */
export function openTasks(tasks: TaskView[]): TaskView[] {
	return tasks.filter((t) => isOpen(t.status));
}

/**
 * The logistics checklist ("cahier des charges"): what to agree with the venue and prepare —
 * rooms and capacities, accessibility, signage, power, network, video, microphones, catering,
 * reception — each with an owner, a due date (relative to the event or fixed), a status and
 * notes. Organisers said it was never written early enough: it starts from a template.
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
import { dueDateOf, firstDayOf, formatOffset, isLate, todayIn, type TaskStatus } from './planning.rules.ts';
import { LOGISTICS_CATEGORIES, logisticsItemInputSchema, type LogisticsItemInput } from './planning.schema.ts';
import {
	deleteLogisticsRow,
	findLogisticsRow,
	insertLogisticsRows,
	listLogisticsRows,
	listProgrammeRooms,
	nextPosition,
	updateLogisticsRow,
	type LogisticsRow,
	type OwnerColumns
} from './task.queries.ts';

export type LogisticsCategory = (typeof LOGISTICS_CATEGORIES)[number];

export interface LogisticsItemView {
	id: string;
	category: LogisticsCategory;
	title: string;
	capacity: number | null;
	/** Null when the item has no due date. */
	dueDate: string | null;
	offsetDays: number | null;
	offsetLabel: string | null;
	status: TaskStatus;
	owner: OwnerView | null;
	notes: string;
	late: boolean;
	templateKey: string | null;
	updatedAt: string;
	/** Raised at each change: the edit form and If-Match send it back (no lost update). */
	version: number;
}

/**
 * What the registrations will tell the caterer. The registrations area fills it (one call per
 * page, see `cateringNeedsFromRegistrations`); until registrations exist, nothing is invented.
 */
export interface DietaryCounts {
	/** People expected (confirmed registrations). */
	participants: number;
	/** Count per diet as the registration form names them: vegetarian, vegan, halal, gluten-free… */
	diets: Record<string, number>;
	/** Needs typed in free text (allergies…), passed on as they are. */
	notes?: string[];
}

export type CateringNeeds =
	| { status: 'no-registrations' }
	| { status: 'counted'; participants: number; diets: { diet: string; count: number }[]; withoutSpecialDiet: number; notes: string[] };

/**
 * The hook for the registrations area: the catering section of the checklist from its counts.
 * Null (or no participant) reads as "no registrations yet" rather than a made-up number.
 */
export function cateringNeedsFromRegistrations(counts: DietaryCounts | null | undefined): CateringNeeds {
	if (!counts || counts.participants <= 0) return { status: 'no-registrations' };
	const diets = Object.entries(counts.diets)
		.filter(([, n]) => n > 0)
		.map(([diet, count]) => ({ diet, count }))
		.sort((a, b) => b.count - a.count || a.diet.localeCompare(b.diet));
	const special = diets.reduce((sum, d) => sum + d.count, 0);
	return {
		status: 'counted',
		participants: counts.participants,
		diets,
		withoutSpecialDiet: Math.max(0, counts.participants - special),
		notes: (counts.notes ?? []).map((n) => n.trim()).filter(Boolean)
	};
}

function toItemView(row: LogisticsRow & OwnerColumns, firstDay: string, today: string): LogisticsItemView {
	const dated = row.offset_days !== null || row.fixed_date !== null;
	const dueDate = dated ? dueDateOf(row, firstDay) : null;
	return {
		id: row.id,
		category: row.category as LogisticsCategory,
		title: row.title,
		capacity: row.capacity,
		dueDate,
		offsetDays: row.offset_days,
		offsetLabel: row.offset_days === null ? null : formatOffset(row.offset_days),
		status: row.status as TaskStatus,
		owner: ownerOf(row),
		notes: row.notes,
		late: dueDate !== null && isLate(row.status, dueDate, today),
		templateKey: row.template_key,
		updatedAt: toIso(row.updated_at),
		version: Number(row.version)
	};
}

/** Checklist items computed against the event's current first day and today; no permission check. */
export async function listLogisticsViews(
	db: DbOrTx,
	event: { id: string; starts_at: string | Date },
	now: Date
): Promise<LogisticsItemView[]> {
	const firstDay = firstDayOf(toIso(event.starts_at));
	const today = todayIn(now);
	return (await listLogisticsRows(db, event.id)).map((r) => toItemView(r, firstDay, today));
}

/**
 * The checklist by category (in the template's order), the programme's rooms and capacities,
 * and the catering needs from the dietary counts the caller passes (null: no registrations yet).
 */
export async function getLogistics(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	options: { dietaryCounts?: DietaryCounts | null; now?: Date } = {}
) {
	const now = options.now ?? new Date();
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const [items, rooms] = await Promise.all([listLogisticsViews(ctx.db, event, now), listProgrammeRooms(ctx.db, event.id)]);
	const groups = LOGISTICS_CATEGORIES.map((category) => ({ category, items: items.filter((i) => i.category === category) })).filter(
		(g) => g.items.length > 0
	);
	return {
		role,
		items,
		groups,
		rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
		catering: cateringNeedsFromRegistrations(options.dietaryCounts ?? null),
		done: items.filter((i) => i.status === 'done' || i.status === 'cancelled').length,
		late: items.filter((i) => i.late).length
	};
}

/** One checklist item of this event; NotFoundError for another event's. */
export async function getLogisticsItem(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	now: Date = new Date()
): Promise<LogisticsItemView> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const item = (await listLogisticsViews(ctx.db, event, now)).find((i) => i.id === id);
	if (!item) throw new NotFoundError('logistics-item');
	return item;
}

function itemColumns(data: LogisticsItemInput) {
	return { category: data.category, title: data.title, capacity: data.capacity ?? null, ...datedItemColumns(data) };
}

/** Adds a checklist item (a due date is optional here: "salle calme" may just need saying). */
export async function addLogisticsItem(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	now: Date = new Date()
): Promise<LogisticsItemView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrowPrep(logisticsItemInputSchema, input);
		await checkOwnerOfEvent(tx, event.id, data.owner);
		const id = crypto.randomUUID();
		const stamp = nowIso();
		await insertLogisticsRows(tx, [
			{
				id,
				event_id: event.id,
				position: await nextPosition(tx, 'logistics_item', event.id),
				...itemColumns(data),
				template_key: null,
				created_at: stamp,
				updated_at: stamp
			}
		]);
		return (await listLogisticsViews(tx, event, now)).find((i) => i.id === id)!;
	});
}

function rowAsInput(row: LogisticsRow): Record<string, unknown> {
	return { category: row.category, title: row.title, capacity: row.capacity, ...datedItemInput(row) };
}

/**
 * Changes an item; `input` may be partial (a status alone, from the checklist's buttons). With
 * `version` (form, If-Match): StaleVersionError and nothing written when it changed since.
 */
export async function updateLogisticsItem(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	now: Date = new Date(),
	version?: ExpectedVersion
): Promise<LogisticsItemView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const row = await findLogisticsRow(tx, event.id, id);
		if (!row) throw new NotFoundError('logistics-item');
		const versions = versionsToWrite(version, Number(row.version));
		const data = parseOrThrowPrep(logisticsItemInputSchema, mergeDatedPatch(rowAsInput(row), input));
		await checkOwnerOfEvent(tx, event.id, data.owner);
		if (!(await updateLogisticsRow(tx, id, { ...itemColumns(data), updated_at: nowIso() }, versions))) {
			const stored = await findLogisticsRow(tx, event.id, id);
			throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
		}
		return (await listLogisticsViews(tx, event, now)).find((i) => i.id === id)!;
	});
}

/** Deletes a checklist item (a template one comes back only when the template is applied again). */
export async function deleteLogisticsItem(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		if (!(await deleteLogisticsRow(tx, event.id, id))) throw new NotFoundError('logistics-item');
	});
}

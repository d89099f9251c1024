/**
 * What a retro-planning task and a logistics checklist item have in common: a due date (an
 * offset from the event's first day, or a fixed day), a status, an owner and notes, stored in
 * the same columns in both tables and changed the same way.
 */
import type { DbOrTx } from '../db/index.ts';
import { ValidationError } from '../validation.ts';
import { ownerColumns } from './event-access.ts';
import { storedOwner } from './planning.rules.ts';
import { ownerBelongsToEvent, type LogisticsRow, type TaskRow } from './task.queries.ts';

type OwnerRef = { type: 'member' | 'committee'; id: string };

interface DatedItemInput {
	offsetDays?: number | null;
	dueDate?: string | null;
	status: string;
	owner?: OwnerRef | null;
	notes: string;
}

/** The columns both tables share. */
type DatedItemRow = Pick<
	TaskRow | LogisticsRow,
	'offset_days' | 'fixed_date' | 'status' | 'owner_user_id' | 'owner_committee_id' | 'notes'
>;

/** The shared columns from a checked input; an offset wins over a fixed date. */
export function datedItemColumns(data: DatedItemInput) {
	return {
		offset_days: data.offsetDays ?? null,
		fixed_date: data.offsetDays !== null && data.offsetDays !== undefined ? null : (data.dueDate ?? null),
		status: data.status,
		...ownerColumns(data.owner),
		notes: data.notes
	};
}

/** The shared fields of a stored row, named as the inputs name them. */
export function datedItemInput(row: DatedItemRow): Record<string, unknown> {
	return {
		offsetDays: row.offset_days,
		dueDate: row.fixed_date,
		status: row.status,
		owner: storedOwner(row),
		notes: row.notes
	};
}

/**
 * A partial change (the API's PATCH, a status button) laid over the stored item, so that the
 * result is checked whole. A due date given alone drops the stored offset and the other way
 * round: an item can switch between a relative and a fixed date. Anything but an object is
 * returned as it is, for the schema to refuse.
 */
export function mergeDatedPatch(stored: Record<string, unknown>, input: unknown): unknown {
	if (input === null || typeof input !== 'object') return input;
	const patch: Record<string, unknown> = { ...input };
	if (patch.dueDate != null && !('offsetDays' in patch)) patch.offsetDays = null;
	if (patch.offsetDays != null && !('dueDate' in patch)) patch.dueDate = null;
	return { ...stored, ...patch };
}

/** Refuses (ValidationError on `owner`) an owner who is neither in the event's team nor in its committee. */
export async function checkOwnerOfEvent(db: DbOrTx, eventId: string, owner: OwnerRef | null | undefined): Promise<void> {
	if (owner && !(await ownerBelongsToEvent(db, eventId, owner)))
		throw new ValidationError([{ field: 'owner', message: 'planning.errors.ownerUnknown' }]);
}

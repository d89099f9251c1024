import type { DbOrTx } from '../db/index.ts';
import { assertEventPermission, type Actor, type EventRole } from '../auth/permissions.ts';
import { findEventBySlug, type EventRow } from '../events/event.queries.ts';
import { NotFoundError } from '../validation.ts';

/**
 * The event of a preparation page or endpoint, once the actor's role allows `action`: anyone
 * without a role gets NotFoundError (404), a read-only member asking to change gets ForbiddenError.
 */
export async function eventForPreparation(
	db: DbOrTx,
	actor: Actor,
	slug: string,
	action: 'view' | 'edit'
): Promise<{ event: EventRow; role: EventRole | 'admin' }> {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	const role = await assertEventPermission(db, event.id, actor, action);
	return { event, role };
}

/** Who is in charge of a task or a checklist item, as every view shows it. */
export interface OwnerView {
	type: 'member' | 'committee';
	id: string;
	name: string;
}

/** The owner of a row joined with its owner's names (see `OwnerColumns`). */
export function ownerOf(row: {
	owner_user_id: string | null;
	owner_committee_id: string | null;
	owner_user_name: string | null;
	owner_user_email: string | null;
	owner_committee_name: string | null;
}): OwnerView | null {
	if (row.owner_user_id) return { type: 'member', id: row.owner_user_id, name: row.owner_user_name || row.owner_user_email || '?' };
	if (row.owner_committee_id) return { type: 'committee', id: row.owner_committee_id, name: row.owner_committee_name ?? '?' };
	return null;
}

/** Owner columns from an owner reference. */
export function ownerColumns(owner: { type: 'member' | 'committee'; id: string } | null | undefined) {
	return {
		owner_user_id: owner?.type === 'member' ? owner.id : null,
		owner_committee_id: owner?.type === 'committee' ? owner.id : null
	};
}

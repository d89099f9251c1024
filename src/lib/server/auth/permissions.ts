import type { DbOrTx } from '../db/index.ts';
import { NotFoundError, ForbiddenError } from '../validation.ts';

/** Who is acting: a signed-in user (through a session or an API token), or nobody. */
export type Actor = { id: string; isAdmin: boolean } | null;

export const EVENT_ROLES = ['owner', 'organiser', 'readonly'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];
export type EventAction = 'view' | 'edit' | 'manage-team';

const ALLOWED: Record<EventRole, EventAction[]> = {
	owner: ['view', 'edit', 'manage-team'],
	organiser: ['view', 'edit'],
	readonly: ['view']
};

/** Whether an event role (or instance administration) allows an action; pure. */
export function roleAllows(role: EventRole | 'admin' | null, action: EventAction): boolean {
	if (role === 'admin') return true;
	return role !== null && ALLOWED[role].includes(action);
}

/** The actor's role in the event: their membership, 'admin' for instance administrators, else null. */
export async function getEventRole(db: DbOrTx, eventId: string, actor: Actor): Promise<EventRole | 'admin' | null> {
	if (!actor) return null;
	const row = await db
		.selectFrom('event_member')
		.select('role')
		.where('event_id', '=', eventId)
		.where('user_id', '=', actor.id)
		.executeTakeFirst();
	if (row) return row.role as EventRole;
	return actor.isAdmin ? 'admin' : null;
}

/**
 * Throws unless the actor may do `action` on the event. Someone with no role gets NotFoundError
 * (a draft's existence is not revealed, and the team's pages are nobody else's business); a
 * member whose role is too weak gets ForbiddenError.
 */
export async function assertEventPermission(db: DbOrTx, eventId: string, actor: Actor, action: EventAction): Promise<EventRole | 'admin'> {
	const role = await getEventRole(db, eventId, actor);
	if (!role) throw new NotFoundError('event');
	if (!roleAllows(role, action)) throw new ForbiddenError(action);
	return role;
}

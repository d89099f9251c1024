/**
 * Working groups beyond their event: the next edition shows its predecessor's groups (« Suites de
 * l'édition précédente » on its public programme page and in its report) with their public fields
 * only — title, purpose, status, status at the next edition, outputs — never their members or
 * notes; and the API lists the groups of every event a user is on the team of.
 */
import type { Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { findNetworkEvent } from '../network/network.queries.ts';
import { parseOrThrow } from '../validation.ts';
import type { GroupNextStatus, GroupStatus } from '../../ui/network/vocabulary.ts';
import { findPreviousEditionId, listGroupsForUser, listPublicGroupsOf } from './groups.queries.ts';
import { groupCreateInputSchema, type GroupListItem, type GroupView } from './groups.schema.ts';
import { createGroup, teamEvent, toGroupView } from './groups.service.ts';

export interface PreviousEditionGroup {
	id: string;
	title: string;
	purpose: string;
	status: GroupStatus;
	nextStatus: GroupNextStatus | null;
	outputs: string;
}

/** The previous edition's groups of `eventId` (the edition it was prepared from); [] when none. */
export async function listPreviousEditionGroups(
	db: DbOrTx,
	eventId: string
): Promise<{ event: { slug: string; title: string } | null; groups: PreviousEditionGroup[] }> {
	const previousId = await findPreviousEditionId(db, eventId);
	const previous = previousId ? await findNetworkEvent(db, { id: previousId }) : undefined;
	if (!previous) return { event: null, groups: [] };
	const rows = await listPublicGroupsOf(db, previous.id);
	return {
		event: { slug: previous.slug, title: previous.title },
		groups: rows.map((r) => ({
			id: r.id,
			title: r.title,
			purpose: r.purpose,
			status: r.status as GroupStatus,
			nextStatus: (r.next_status || null) as GroupNextStatus | null,
			outputs: r.outputs
		}))
	};
}

/** The same for the public programme page of the event `slug` (whose access the caller checked). */
export async function listPreviousEditionGroupsBySlug(ctx: ServiceContext, slug: string) {
	const event = await findNetworkEvent(ctx.db, { slug });
	return event ? listPreviousEditionGroups(ctx.db, event.id) : { event: null, groups: [] };
}

/**
 * The groups the signed-in user may see: those of every event they are on the team of (every
 * event for an administrator), newest event first; `eventSlug` keeps one event's (NotFoundError
 * when it is not theirs).
 */
export async function listVisibleGroups(
	ctx: ServiceContext,
	actor: NonNullable<Actor>,
	eventSlug?: string | null
): Promise<GroupListItem[]> {
	let eventId: string | undefined;
	if (eventSlug) eventId = (await teamEvent(ctx, actor, eventSlug, 'view')).event.id;
	const rows = await listGroupsForUser(ctx.db, actor, eventId);
	return rows.map((r) => ({ ...toGroupView(r), event: { slug: r.event_slug, title: r.event_title } }));
}

/** Creates a group in the event named by `eventSlug` in the body (the team, role organiser). */
export async function createGroupFromBody(ctx: ServiceContext, actor: Actor, input: unknown, now: Date = new Date()): Promise<GroupView> {
	// Every field checked at once; the group's fields are read again (the same way) by createGroup.
	const { eventSlug } = parseOrThrow(groupCreateInputSchema, input);
	const { eventSlug: _slug, ...fields } = input as Record<string, unknown>;
	return createGroup(ctx, actor, eventSlug, fields, now);
}

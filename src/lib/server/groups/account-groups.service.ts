/**
 * The working groups of a signed-in account, whatever its place in the event: a member of the team
 * who joined from the group's team page, or anyone who accepted an invitation while signed in (an
 * invited address that is no registration of the event joins through its account; see
 * invitation.service.ts). What a participant does from their private link, an account does here
 * (`/reseau/groupes`): it reads its groups, their members and notes, adds and removes its notes
 * (any, as coordinator), gets or stops the weekly digest, and leaves. Only groups the account is
 * in: any other answers NotFoundError, as a group that does not exist.
 */
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { findNetworkEvent, findProfileByUser } from '../network/network.queries.ts';
import { NotFoundError } from '../validation.ts';
import type { GroupRole } from '../../ui/network/vocabulary.ts';
import { isDigestOptedOut, setDigestOptOut } from './digest.queries.ts';
import { deleteMember, findGroup, findMembership, listGroupsOfProfile } from './groups.queries.ts';
import { addMemberNote, deleteMemberNote, memberPage, nextMeetingCalendar, toGroupView } from './groups.service.ts';

/** The account's profile and its membership of the group; NotFoundError unless it is a member. */
async function accountInGroup(ctx: ServiceContext, actor: Actor, groupId: string) {
	if (!actor) throw new NotFoundError('group');
	const profile = await findProfileByUser(ctx.db, actor.id);
	const membership = profile ? await findMembership(ctx.db, groupId, profile.id) : undefined;
	const group = membership ? await findGroup(ctx.db, groupId) : undefined;
	const event = group ? await findNetworkEvent(ctx.db, { id: group.event_id }) : undefined;
	if (!profile || !group || !event) throw new NotFoundError('group');
	return { profileId: profile.id, group, event };
}

/** The groups the account is in, with its part in each and their event. */
export async function listGroupsOfAccount(ctx: ServiceContext, actor: Actor) {
	if (!actor) return [];
	const profile = await findProfileByUser(ctx.db, actor.id);
	if (!profile) return [];
	return (await listGroupsOfProfile(ctx.db, profile.id)).map((g) => ({
		...toGroupView(g),
		event: { slug: g.event_slug, title: g.event_title },
		myRole: g.my_role as GroupRole
	}));
}

/** One of the account's groups: what it is, its members and notes, and whether the account gets the digest. */
export async function getGroupOfAccount(ctx: ServiceContext, actor: Actor, groupId: string) {
	const { profileId, group, event } = await accountInGroup(ctx, actor, groupId);
	const [page, optedOut] = await Promise.all([memberPage(ctx, group, profileId), isDigestOptedOut(ctx.db, profileId)]);
	return { ...page, event: { slug: event.slug, title: event.title }, digest: !optedOut };
}

/** The account adds a note or a resource to one of its groups. */
export async function addNoteOfAccount(ctx: ServiceContext, actor: Actor, groupId: string, input: unknown, now: Date = new Date()) {
	const { profileId, group } = await accountInGroup(ctx, actor, groupId);
	return addMemberNote(ctx, group, profileId, input, now);
}

/** The account removes one of its notes (any note, as the group's coordinator). */
export async function deleteNoteOfAccount(ctx: ServiceContext, actor: Actor, groupId: string, noteId: string): Promise<void> {
	const { profileId, group } = await accountInGroup(ctx, actor, groupId);
	await deleteMemberNote(ctx, group, profileId, noteId);
}

/** The account leaves the group; its notes stay. */
export async function leaveGroupOfAccount(ctx: ServiceContext, actor: Actor, groupId: string): Promise<void> {
	const { profileId, group } = await accountInGroup(ctx, actor, groupId);
	await deleteMember(ctx.db, group.id, profileId);
}

/** The account gets or stops the weekly digest of its groups. */
export async function setDigestOfAccount(ctx: ServiceContext, actor: Actor, groupId: string, receive: boolean, now: Date = new Date()) {
	const { profileId } = await accountInGroup(ctx, actor, groupId);
	await setDigestOptOut(ctx.db, profileId, !receive, now.toISOString());
}

/** The group's next meeting as an iCalendar file, for its members. */
export async function nextMeetingIcsOfAccount(ctx: ServiceContext, actor: Actor, groupId: string): Promise<string> {
	const { group, event } = await accountInGroup(ctx, actor, groupId);
	return nextMeetingCalendar(group, event.title);
}

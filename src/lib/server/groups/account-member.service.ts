/**
 * Signed-in accounts as working groups' members. A member of an event's team (Maillage has no
 * membership of structures: the team is who acts for the organising structures) joins a group of
 * that event as themselves, from the group's team page: under their account's name, through the
 * account's network profile — their entry in the territory's directory when they have one, else a
 * profile made for groups only (`in_directory = 0`, listed in no directory). They are then listed
 * with the other members, may be named coordinator, add notes, get the weekly digest at their
 * account's address, and leave in one click (their notes stay, as a participant's do).
 */
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { newRowId } from '../db/row-id.ts';
import type { DbOrTx } from '../db/index.ts';
import { findProfileByUser, insertProfileOnce } from '../network/network.queries.ts';
import { findUserById } from '../auth/user.service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../validation.ts';
import type { GroupRole } from '../../ui/network/vocabulary.ts';
import { deleteMember, findMembership, insertMember } from './groups.queries.ts';
import { addMemberNote, groupOf, teamEvent } from './groups.service.ts';
import { isDigestOptedOut, setDigestOptOut } from './digest.queries.ts';

/** The account's network profile, made (out of every directory) when it has none. */
export async function accountProfileId(db: DbOrTx, actor: NonNullable<Actor>): Promise<string> {
	const existing = await findProfileByUser(db, actor.id);
	if (existing) return existing.id;
	const user = await findUserById(db, actor.id);
	if (!user) throw new NotFoundError('user');
	const now = new Date().toISOString();
	// Never the address: an account without a name is shown as its team role's word, "Équipe".
	await insertProfileOnce(db, {
		id: newRowId(),
		event_id: null,
		registration_id: null,
		user_id: actor.id,
		display_name: user.name.trim() || 'Équipe',
		structure_name: '',
		structure_type: 'autre',
		role: 'autre',
		departement: null,
		activity: '',
		needs: '',
		offers: '',
		themes: '[]',
		in_directory: 0,
		created_at: now,
		updated_at: now
	});
	return (await findProfileByUser(db, actor.id))!.id;
}

/** The signed-in person's part in a group of an event whose team they are on, and whether they get the digest. */
export async function getAccountMembership(ctx: ServiceContext, actor: Actor, slug: string, groupId: string) {
	const { profileId, membership } = await accountMember(ctx, actor, slug, groupId);
	return {
		profileId,
		myRole: (membership?.role as GroupRole | undefined) ?? null,
		digest: profileId ? !(await isDigestOptedOut(ctx.db, profileId)) : true
	};
}

/** A team member joins the group as themselves; ConflictError when it is closed; twice changes nothing. */
export async function joinGroupAsAccount(ctx: ServiceContext, actor: Actor, slug: string, groupId: string, now: Date = new Date()) {
	const { event } = await teamEvent(ctx, actor, slug, 'view');
	const group = await groupOf(ctx, event, groupId);
	if (group.status !== 'active') throw new ConflictError([{ field: '_', message: 'groups.errors.closed' }]);
	await insertMember(ctx.db, group.id, await accountProfileId(ctx.db, actor!), now.toISOString());
}

/** The signed-in person leaves the group (one click); their notes stay. Leaving a group one is not in changes nothing. */
export async function leaveGroupAsAccount(ctx: ServiceContext, actor: Actor, slug: string, groupId: string): Promise<void> {
	const { group, profileId } = await accountMember(ctx, actor, slug, groupId);
	if (profileId) await deleteMember(ctx.db, group.id, profileId);
}

/** A signed-in member adds a note under their name; ForbiddenError for a team member who is not in the group. */
export async function addNoteAsAccount(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	groupId: string,
	input: unknown,
	now: Date = new Date()
) {
	const { profileId, group } = await accountMember(ctx, actor, slug, groupId);
	if (!profileId) throw new ForbiddenError('not-a-member');
	return addMemberNote(ctx, group, profileId, input, now);
}

/** The signed-in member stops or resumes the weekly digest of their groups. */
export async function setAccountDigestPreference(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	groupId: string,
	receive: boolean,
	now: Date = new Date()
): Promise<void> {
	const { membership, profileId } = await accountMember(ctx, actor, slug, groupId);
	if (!membership || !profileId) throw new ForbiddenError('not-a-member');
	await setDigestOptOut(ctx.db, profileId, !receive, now.toISOString());
}

async function accountMember(ctx: ServiceContext, actor: Actor, slug: string, groupId: string) {
	const { event } = await teamEvent(ctx, actor, slug, 'view');
	const group = await groupOf(ctx, event, groupId);
	const profile = await findProfileByUser(ctx.db, actor!.id);
	const membership = profile ? await findMembership(ctx.db, group.id, profile.id) : undefined;
	return { group, profileId: profile?.id ?? null, membership };
}

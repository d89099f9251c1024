/**
 * Invitations to a working group by e-mail. The event's team (role organiser) or a coordinator of
 * the group invites an address; the message, queued in the outbox, carries a link that works once
 * (a random token of which only the hash is kept). Opening it shows the group; accepting makes
 * the event's registered participant with that address a member, through their registration:
 * one who was not yet in the event's participant directory enters it (the page says so before
 * they accept). An address that is no live registration of the event is asked to register first,
 * or to sign in and join through their account (the link stays valid until used). A closed group takes no invitation and no new member. The team lists a
 * group's invitations (addresses, never links) and revokes one not yet accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { newRowId } from '../db/row-id.ts';
import { toIso } from '../db/time.ts';
import type { DbOrTx } from '../db/index.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { findProfileByRegistration } from '../network/network.queries.ts';
import { optInRegistration } from '../network/profile.service.ts';
import { withTx } from '../tx.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow } from '../validation.ts';
import { translator } from '../../i18n/index.ts';
import { findMembership, insertMember } from './groups.queries.ts';
import { groupOf, member, teamEvent } from './groups.service.ts';
import { accountProfileId } from './account-member.service.ts';
import { invitationInputSchema, type InvitationView } from './groups.schema.ts';
import {
	deleteOpenInvitation,
	findGroupInvitation,
	findOpenInvitation,
	findRegistrationByEmail,
	insertInvitation,
	listGroupInvitations,
	markInvitationUsed
} from './invitation.queries.ts';
import type { GroupRow } from './groups.queries.ts';

const t = translator('fr');

export function hashInvitationToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** The invitation's link: a page that shows the group, and accepts on POST. */
export function invitationUrl(publicUrl: string, token: string): string {
	return `${publicUrl.replace(/\/$/, '')}/groupes/invitation?token=${encodeURIComponent(token)}`;
}

async function invite(
	ctx: ServiceContext,
	group: GroupRow,
	event: { id: string; title: string },
	inviter: string,
	input: unknown,
	now: Date
): Promise<InvitationView> {
	const { email } = parseOrThrow(invitationInputSchema, input);
	if (group.status !== 'active') throw new ConflictError([{ field: 'email', message: 'groups.errors.closed' }]);
	const token = `wgi_${randomBytes(24).toString('base64url')}`;
	const id = newRowId();
	const at = now.toISOString();
	await withTx(ctx.db, async (tx) => {
		await insertInvitation(tx, {
			id,
			group_id: group.id,
			email,
			token_hash: hashInvitationToken(token),
			created_at: at,
			used_at: null,
			profile_id: null
		});
		const url = invitationUrl(ctx.publicUrl, token);
		const mail = renderMail({
			lang: 'fr',
			title: t('groups.invitation.mailTitle', { group: group.title }),
			paragraphs: [
				t('groups.invitation.mailLead', { inviter, group: group.title, event: event.title }),
				...(group.purpose ? [group.purpose] : []),
				t('groups.invitation.mailHow')
			],
			action: { label: t('groups.invitation.mailAction'), url }
		});
		await enqueueMail(
			tx,
			{
				kind: 'group-invitation',
				to: email,
				eventId: event.id,
				subject: t('groups.invitation.mailSubject', { group: group.title }),
				...mail
			},
			{ now }
		);
	});
	return { id, email, createdAt: at, acceptedAt: null };
}

/** The event's team (permission `edit`) invites an address to a group. */
export async function inviteAsTeam(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	groupId: string,
	input: unknown,
	now: Date = new Date()
) {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const group = await groupOf(ctx, event, groupId);
	return invite(ctx, group, event, t('groups.invitation.byTeam', { event: event.title }), input, now);
}

/**
 * A coordinator of the group invites an address from their private link; ForbiddenError for other
 * members. With `eventSlug` (the API's address), a group of another event is not found.
 */
export async function inviteAsCoordinator(
	ctx: ServiceContext,
	token: string,
	groupId: string,
	input: unknown,
	options: { now?: Date; eventSlug?: string } = {}
) {
	const viewer = await member(ctx, token);
	if (options.eventSlug !== undefined && options.eventSlug !== viewer.event.slug) throw new NotFoundError('group');
	const group = await groupOf(ctx, viewer.event, groupId);
	const membership = await findMembership(ctx.db, group.id, viewer.profile.id);
	if (membership?.role !== 'coordinator') throw new ForbiddenError('not-a-coordinator');
	return invite(ctx, group, viewer.event, viewer.profile.display_name, input, options.now ?? new Date());
}

/** The group's invitations for the event's team (permission `view`), the latest first: addresses, never links. */
export async function listInvitations(ctx: ServiceContext, actor: Actor, slug: string, groupId: string): Promise<InvitationView[]> {
	const { event } = await teamEvent(ctx, actor, slug, 'view');
	const group = await groupOf(ctx, event, groupId);
	return (await listGroupInvitations(ctx.db, group.id)).map((r) => ({
		id: r.id,
		email: r.email,
		createdAt: toIso(r.created_at),
		acceptedAt: r.used_at ? toIso(r.used_at) : null
	}));
}

/**
 * Revokes an invitation (the event's team, permission `edit`): its link stops working. ConflictError
 * once it was accepted (the person is a member: that is a membership, not an invitation).
 */
export async function revokeInvitation(ctx: ServiceContext, actor: Actor, slug: string, groupId: string, invitationId: string) {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const group = await groupOf(ctx, event, groupId);
	const row = await findGroupInvitation(ctx.db, group.id, invitationId);
	if (!row) throw new NotFoundError('invitation');
	if (row.used_at || !(await deleteOpenInvitation(ctx.db, row.id)))
		throw new ConflictError([{ field: '_', message: 'groups.invitation.alreadyAccepted' }]);
}

async function openInvitation(db: DbOrTx, token: string) {
	const row = token ? await findOpenInvitation(db, hashInvitationToken(token)) : undefined;
	if (!row) throw new NotFoundError('invitation');
	return row;
}

/** What the invitation's page shows: the group (public fields), its event; NotFoundError for a bad or used link. */
export async function getInvitation(ctx: ServiceContext, token: string) {
	const row = await openInvitation(ctx.db, token);
	const registration = await findRegistrationByEmail(ctx.db, row.event_id, row.email);
	const inDirectory = registration ? !!(await findProfileByRegistration(ctx.db, registration.id)) : false;
	return {
		group: { title: row.title, purpose: row.purpose, status: row.status },
		event: { slug: row.event_slug, title: row.event_title },
		registered: !!registration,
		inDirectory
	};
}

/**
 * Accepts the invitation: the event's registered participant with the invited address becomes a
 * member (entering the participant directory if they were not in it). When the address is no live
 * registration of the event, a signed-in `actor` holding the link joins through their account
 * instead (its network profile, made out of every directory when it has none; they then find the
 * group at /reseau/groupes). ConflictError when neither (the link stays valid) or the group is
 * closed; NotFoundError for a bad or used link.
 */
export async function acceptInvitation(ctx: ServiceContext, token: string, now: Date = new Date(), actor: Actor = null) {
	return withTx(ctx.db, async (tx) => {
		const row = await openInvitation(tx, token);
		if (row.status !== 'active') throw new ConflictError([{ field: '_', message: 'groups.errors.closed' }]);
		const registration = await findRegistrationByEmail(tx, row.event_id, row.email);
		if (!registration && !actor) throw new ConflictError([{ field: '_', message: 'groups.invitation.notRegistered' }]);
		const txCtx = { ...ctx, db: tx };
		const profileId = registration
			? ((await findProfileByRegistration(tx, registration.id)) ?? (await optInRegistration(txCtx, registration.id, {}))).id
			: await accountProfileId(tx, actor!);
		const at = now.toISOString();
		if (!(await markInvitationUsed(tx, row.id, profileId, at))) throw new NotFoundError('invitation');
		await insertMember(tx, row.group_id, profileId, at);
		return { groupTitle: row.title, eventTitle: row.event_title, groupId: row.group_id, asAccount: !registration };
	});
}

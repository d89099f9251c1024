import type { Actor, EventRole } from '../auth/permissions.ts';
import { assertEventPermission } from '../auth/permissions.ts';
import { nowIso, toIso } from '../db/time.ts';
import { ConflictError, NotFoundError, parseOrThrow } from '../validation.ts';
import { withTx } from '../tx.ts';
import { ensureUser } from '../auth/user.service.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { memberInviteSchema, memberRoleSchema } from './event.schema.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { findEventBySlug } from './event.queries.ts';
import { countOwners, deleteMember, listMemberRows, updateMemberRole, upsertMember } from './team.queries.ts';
import type { ServiceContext } from './event.service.ts';

const ROLE_FR: Record<EventRole, string> = { owner: 'responsable', organiser: 'organisateur·rice', readonly: 'lecture seule' };

async function eventFor(ctx: ServiceContext, actor: Actor, slug: string, action: 'view' | 'manage-team') {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, action);
	return event;
}

/** The event's team: anyone with a role may read it. */
export async function listTeam(ctx: ServiceContext, actor: Actor, slug: string) {
	const event = await eventFor(ctx, actor, slug, 'view');
	return (await listMemberRows(ctx.db, event.id)).map(toMemberView);
}

function toMemberView(r: Awaited<ReturnType<typeof listMemberRows>>[number]) {
	return {
		userId: r.user_id,
		email: r.email,
		name: r.name,
		role: r.role as EventRole,
		since: toIso(r.created_at),
		version: Number(r.version)
	};
}

/** One member of the event's team, for its team and the API (ETag: the version of their role). */
export async function getMember(ctx: ServiceContext, actor: Actor, slug: string, userId: string) {
	const event = await eventFor(ctx, actor, slug, 'view');
	const row = (await listMemberRows(ctx.db, event.id)).find((m) => m.user_id === userId);
	if (!row) throw new NotFoundError('member');
	return toMemberView(row);
}

/**
 * Changes a member's role (owners only; the last owner stays one). With `version` (the row's form,
 * If-Match): written only while the role has that version, else StaleVersionError and nothing written.
 */
export async function changeMemberRole(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	userId: string,
	input: unknown,
	version?: ExpectedVersion
) {
	return withTx(ctx.db, async (tx) => {
		const event = await eventFor({ ...ctx, db: tx }, actor, slug, 'manage-team');
		const target = (await listMemberRows(tx, event.id)).find((m) => m.user_id === userId);
		if (!target) throw new NotFoundError('member');
		const versions = versionsToWrite(version, Number(target.version));
		const { role } = parseOrThrow(memberRoleSchema, input);
		if (target.role === 'owner' && role !== 'owner' && (await countOwners(tx, event.id)) <= 1)
			throw new ConflictError([{ field: 'role', message: 'errors.lastOwner' }]);
		if (!(await updateMemberRole(tx, event.id, userId, role, versions))) {
			const now = (await listMemberRows(tx, event.id)).find((m) => m.user_id === userId);
			throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
		}
		return toMemberView((await listMemberRows(tx, event.id)).find((m) => m.user_id === userId)!);
	});
}

/**
 * Gives someone a role in the event (owners only). An unknown address gets an account, which
 * they open with a magic link; an invitation e-mail is queued in the same transaction.
 */
export async function inviteMember(ctx: ServiceContext, actor: Actor, slug: string, input: unknown) {
	const data = parseOrThrow(memberInviteSchema, input);
	return withTx(ctx.db, async (tx) => {
		const tctx = { ...ctx, db: tx };
		const event = await eventFor(tctx, actor, slug, 'manage-team');
		const user = await ensureUser(tx, { email: data.email });
		if (data.role !== 'owner' && user.id === actor?.id && (await countOwners(tx, event.id)) <= 1)
			throw new ConflictError([{ field: 'role', message: 'errors.lastOwner' }]);
		const outcome = await upsertMember(tx, event.id, user.id, data.role, nowIso());
		const signIn = `${ctx.publicUrl}/connexion?email=${encodeURIComponent(user.email)}`;
		const { text, html } = renderMail({
			lang: 'fr',
			title: `Vous rejoignez l’équipe de « ${event.title} »`,
			paragraphs: [
				'Bonjour,',
				`Vous avez désormais le rôle « ${ROLE_FR[data.role]} » dans l’équipe qui organise « ${event.title} » sur Maillage.`,
				'Connectez-vous avec cette adresse e-mail : vous recevrez un lien de connexion, sans mot de passe.'
			],
			action: { label: 'Me connecter à Maillage', url: signIn }
		});
		await enqueueMail(tx, {
			kind: 'team-invitation',
			to: user.email,
			subject: `Équipe de « ${event.title} » : votre accès à Maillage`,
			text,
			html,
			eventId: event.id
		});
		return { userId: user.id, email: user.email, role: data.role, outcome };
	});
}

/** Takes a person off the team (owners only); the last owner cannot leave. */
export async function removeMember(ctx: ServiceContext, actor: Actor, slug: string, userId: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const event = await eventFor({ ...ctx, db: tx }, actor, slug, 'manage-team');
		const members = await listMemberRows(tx, event.id);
		const target = members.find((m) => m.user_id === userId);
		if (!target) throw new NotFoundError('member');
		if (target.role === 'owner' && (await countOwners(tx, event.id)) <= 1)
			throw new ConflictError([{ field: 'userId', message: 'errors.lastOwner' }]);
		await deleteMember(tx, event.id, userId);
	});
}

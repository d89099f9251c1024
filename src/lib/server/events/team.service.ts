import type { Actor, EventRole } from '../auth/permissions.ts';
import { assertEventPermission } from '../auth/permissions.ts';
import { nowIso, toIso } from '../db/time.ts';
import { ConflictError, NotFoundError, parseOrThrow } from '../validation.ts';
import { withTx } from '../tx.ts';
import { ensureUser } from '../auth/user.service.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { memberInviteSchema } from './event.schema.ts';
import { findEventBySlug } from './event.queries.ts';
import { countOwners, deleteMember, listMemberRows, upsertMember } from './team.queries.ts';
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
	const rows = await listMemberRows(ctx.db, event.id);
	return rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role as EventRole, since: toIso(r.created_at) }));
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

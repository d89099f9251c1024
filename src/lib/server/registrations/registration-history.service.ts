/**
 * A registration's history for its organisers: the e-mails the event sent to the person (kind,
 * subject, status, when; never the body, which carried their private link) and who corrected
 * the registration and when (the audit log's `registration.edited` lines: the parts changed,
 * never the values). Also: sending the confirmation again, with a new private link (the old
 * ones keep working), recorded in the audit log.
 */
import { z } from 'zod';
import type { Actor } from '../auth/permissions.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { toIso } from '../db/time.ts';
import { insertMailMessage } from '../mail/outbox.queries.ts';
import { MAIL_STATUSES, type MailStatus } from '../mail/outbox.service.ts';
import { ConflictError } from '../validation.ts';
import { confirmationToRender, mailPerson } from './registration-confirmation.ts';
import { loadRegistrationEvent } from './registration-event.ts';
import { EDITABLE_PARTS, type EditablePart } from './registration-edit.service.ts';
import { listAuditRowsAbout, listMailsTo } from './registration-history.queries.ts';
import { inQuotaTransaction } from './registration-quota.ts';
import { insertExtraToken, findEventSlugById, findRegistrationById } from './registration.queries.ts';
import { hashToken, newManageToken, type RegistrationContext } from './registration.service.ts';
import { assertInEvent, findForWho } from './registration-manage.service.ts';

const HISTORY_ACTIONS = ['registration.edited', 'registration.confirmation-resent'] as const;

export const registrationHistorySchema = z.object({
	messages: z
		.array(
			z.object({
				id: z.string(),
				kind: z.string().meta({ description: 'Sorte de message (confirmation, rappel, liste d’attente…)' }),
				subject: z.string(),
				status: z.enum(MAIL_STATUSES),
				attempts: z.number().int(),
				lastError: z.string().nullable(),
				createdAt: z.string(),
				sentAt: z.string().nullable()
			})
		)
		.meta({
			description: 'Les e-mails de l’événement à cette adresse, le plus récent d’abord (jamais leur contenu, qui portait le lien privé)'
		}),
	changes: z.array(
		z.object({
			id: z.string(),
			at: z.string(),
			by: z
				.string()
				.nullable()
				.meta({ description: 'L’adresse de l’organisateur·rice, null quand la personne a modifié depuis son lien privé' }),
			action: z.enum(HISTORY_ACTIONS),
			parts: z.array(z.enum(EDITABLE_PARTS)).meta({ description: 'Les parties modifiées, jamais les valeurs' })
		})
	)
});
export type RegistrationHistory = z.output<typeof registrationHistorySchema>;

/** Which event's pages or API address named the registration: one of another event is not found there. */
export type InEvent = { eventSlug?: string };

/** The messages and changes of a registration, for its event's team (permission `view`). */
export async function getRegistrationHistory(
	ctx: RegistrationContext,
	actor: Actor,
	registrationId: string,
	options: InEvent = {}
): Promise<RegistrationHistory> {
	const row = await findForWho(ctx, { actor }, registrationId, 'view');
	if (options.eventSlug !== undefined) assertInEvent((await findEventSlugById(ctx.db, row.event_id))?.slug ?? '', options.eventSlug);
	const [mails, audits] = await Promise.all([
		row.email ? listMailsTo(ctx.db, row.event_id, row.email) : Promise.resolve([]),
		listAuditRowsAbout(ctx.db, row.event_id, row.id, HISTORY_ACTIONS)
	]);
	return {
		messages: mails.map((m) => ({
			id: m.id,
			kind: m.kind,
			subject: m.subject,
			status: m.status as MailStatus,
			attempts: Number(m.attempts),
			lastError: m.status === 'failed' || Number(m.attempts) > 0 ? m.last_error : null,
			createdAt: toIso(m.created_at),
			sentAt: m.sent_at ? toIso(m.sent_at) : null
		})),
		changes: audits.map((a) => {
			const details = JSON.parse(a.details) as { parts?: EditablePart[] };
			return {
				id: a.id,
				at: toIso(a.at),
				by: a.actor_id ? a.actor_label : null,
				action: a.action as (typeof HISTORY_ACTIONS)[number],
				parts: details.parts ?? []
			};
		})
	};
}

/**
 * Sends the confirmation e-mail again (organisers, permission `edit`): as it would be written now
 * (status, workshops, check-in code), with a new private link. ConflictError when the registration
 * is cancelled or has no e-mail address. The caller wakes the mail worker.
 */
export async function resendConfirmation(
	ctx: RegistrationContext,
	actor: Actor,
	registrationId: string,
	options: InEvent = {}
): Promise<{ to: string }> {
	const found = await findForWho(ctx, { actor }, registrationId, 'edit');
	const loaded = await loadRegistrationEvent(ctx.db, { id: found.event_id });
	assertInEvent(loaded.event.slug, options.eventSlug);
	if (found.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
	return inQuotaTransaction(ctx.db, async (tx) => {
		const row = await findRegistrationById(tx, found.id);
		const person = row ? mailPerson(row) : null;
		if (!row || row.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
		if (!person) throw new ConflictError([{ field: '_', message: 'registrationHistory.errors.noEmail' }]);
		const token = newManageToken();
		const nowIso = new Date().toISOString();
		await insertExtraToken(tx, row.id, hashToken(token), nowIso);
		await insertMailMessage(tx, confirmationToRender(loaded.event, person, token));
		await recordAudit(tx, {
			actor,
			event: { id: loaded.event.id, title: loaded.event.title },
			action: 'registration.confirmation-resent',
			subject: row.id
		});
		return { to: person.email };
	});
}

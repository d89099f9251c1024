/**
 * A registration changed after the fact, by its organisers or by the person through their private
 * link: found for whoever asks (`findForWho`), cancelled, erased for good, its workshops changed.
 * Each change frees or takes places under the event's quota lock and queues its e-mails.
 */
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { ConflictError, NotFoundError, ValidationError } from '../validation.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { inQuotaTransaction, lockEvent } from './registration-quota.ts';
import { emitWebhook } from '../webhooks/webhook.service.ts';
import { cancellationMail, programmeChangedMail } from './registration-mail.ts';
import { applySessionChoice } from './registration-seats.ts';
import { mailPerson } from './registration-confirmation.ts';
import { loadRegistrationEvent, mailEventInfo, mailProgramme } from './registration-event.ts';
import {
	deleteMailsTo,
	deleteRegistrationRow,
	findRegistrationById,
	findRegistrationByTokenHash,
	listSeatsByRegistration,
	updateRegistrationRow,
	type RegistrationRow
} from './registration.queries.ts';
import { fieldIssues, sessionChoiceSchema, type SeatStatus } from './registration.schema.ts';
import {
	type RegistrationContext,
	type RegistrationResult,
	checkSessionChoice,
	hashToken,
	looksLikeManageToken,
	notifyPromotions,
	releaseInTx
} from './registration.service.ts';

export type Who = { actor: Actor } | { token: string };

/** The registration named by an organiser (with `action` on its event) or by its private link; NotFoundError otherwise. */
export async function findForWho(
	ctx: RegistrationContext,
	who: Who,
	registrationId: string | null,
	action: 'view' | 'edit'
): Promise<RegistrationRow> {
	if ('token' in who) {
		if (!looksLikeManageToken(who.token)) throw new NotFoundError('registration');
		const row = await findRegistrationByTokenHash(ctx.db, hashToken(who.token));
		if (!row || (registrationId !== null && row.id !== registrationId)) throw new NotFoundError('registration');
		return row;
	}
	const row = registrationId ? await findRegistrationById(ctx.db, registrationId) : undefined;
	if (!row) throw new NotFoundError('registration');
	await assertEventPermission(ctx.db, row.event_id, who.actor, action);
	return row;
}

/** A registration reached through another event's pages (`eventSlug`) is not found there. */
export function assertInEvent(slug: string, eventSlug: string | undefined): void {
	if (eventSlug !== undefined && eventSlug !== slug) throw new NotFoundError('registration');
}

/**
 * Cancels a registration, by its organisers (permission `edit`) or by the person's private-link
 * token. Idempotent: cancelling a cancelled registration does nothing. Frees its place and seats,
 * which go to the first people waiting (e-mailed); the person gets a cancellation e-mail.
 */
export async function cancelRegistration(
	ctx: RegistrationContext,
	who: Who,
	registrationId: string,
	options: { notify?: boolean; eventSlug?: string } = {}
): Promise<void> {
	const found = await findForWho(ctx, who, registrationId, 'edit');
	const loaded = await loadRegistrationEvent(ctx.db, { id: found.event_id });
	assertInEvent(loaded.event.slug, options.eventSlug);
	if (found.status === 'cancelled') return;
	await inQuotaTransaction(ctx.db, async (tx) => {
		const quota = await lockEvent(tx, loaded.event.id, { exclusive: true });
		const row = await findRegistrationById(tx, found.id);
		if (!row || row.status === 'cancelled') return;
		const nowIso = new Date().toISOString();
		const promotions = await releaseInTx(tx, loaded, quota, row, nowIso);
		await emitWebhook(tx, loaded.event.id, 'registration.cancelled', {
			event: { id: loaded.event.id, slug: loaded.event.slug },
			registration: { id: row.id }
		});
		const person = mailPerson(row);
		if (person && (options.notify ?? true))
			await enqueueMail(
				tx,
				cancellationMail(mailEventInfo(loaded.event), person, { publicUrl: ctx.publicUrl, checkinCode: row.checkin_code })
			);
		await notifyPromotions(tx, loaded, promotions, ctx.publicUrl, nowIso);
	});
}

/**
 * Erases a registration for good (RGPD right to erasure), by the person's token or an organiser:
 * frees its places like a cancellation, deletes the row with its seats, answers, arrivals and
 * links, and the e-mails queued for it; the audit log keeps only that it happened.
 */
export async function eraseRegistration(
	ctx: RegistrationContext,
	who: Who,
	registrationId: string | null,
	options: { eventSlug?: string } = {}
): Promise<void> {
	const found = await findForWho(ctx, who, registrationId, 'edit');
	const loaded = await loadRegistrationEvent(ctx.db, { id: found.event_id });
	assertInEvent(loaded.event.slug, options.eventSlug);
	await inQuotaTransaction(ctx.db, async (tx) => {
		const quota = await lockEvent(tx, loaded.event.id, { exclusive: true });
		const row = await findRegistrationById(tx, found.id);
		if (!row) return;
		const nowIso = new Date().toISOString();
		const promotions = row.status === 'cancelled' ? [] : await releaseInTx(tx, loaded, quota, row, nowIso);
		if (row.email) await deleteMailsTo(tx, loaded.event.id, row.email);
		await deleteRegistrationRow(tx, row.id);
		await recordAudit(tx, {
			actor: 'actor' in who ? who.actor : null,
			event: { id: loaded.event.id, title: loaded.event.title },
			action: 'registration.erased',
			subject: row.id,
			details: { by: 'actor' in who ? 'organiser' : 'participant' }
		});
		await notifyPromotions(tx, loaded, promotions, ctx.publicUrl, nowIso);
	});
}

// ---------------------------------------------------------------------------------------------
// Changing workshops

/**
 * Replaces the person's workshops with `input.sessionIds` (by token, until the event starts; or by
 * an organiser). Seats kept stay as they are (and so do waiting-list places); new ones are given
 * if free, else queued; freed ones go to those waiting. Queues a "programme changed" e-mail.
 */
export async function changeSessions(
	ctx: RegistrationContext,
	who: Who,
	registrationId: string | null,
	input: unknown,
	now: Date = new Date()
): Promise<RegistrationResult> {
	const found = await findForWho(ctx, who, registrationId, 'edit');
	if (found.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
	const loaded = await loadRegistrationEvent(ctx.db, { id: found.event_id });
	if ('token' in who && now.toISOString() >= loaded.event.startsAt)
		throw new ConflictError([{ field: '_', message: 'registration.errors.started' }]);
	const parsed = sessionChoiceSchema.safeParse(input);
	if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
	const wanted = parsed.data.sessionIds;
	// Read outside the transaction: at worst a seat given up at this very instant is taken again.
	const holds = new Set(((await listSeatsByRegistration(ctx.db, [found.id])).get(found.id) ?? []).map((s) => s.session_id));
	const issues = checkSessionChoice(loaded, wanted, { role: found.role, holds });
	if (issues.length) throw new ValidationError(issues);
	const byId = new Map(loaded.sessions.map((s) => [s.id, s]));

	const seats = await inQuotaTransaction(ctx.db, async (tx) => {
		await lockEvent(tx, loaded.event.id, { exclusive: true });
		const row = await findRegistrationById(tx, found.id);
		if (!row || row.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
		const nowIso = new Date().toISOString();
		const { after, added, removed, promotions } = await applySessionChoice(tx, row, wanted, nowIso);
		if (removed.length === 0 && added.length === 0) return after;
		const halfDays = new Set<string>(JSON.parse(row.half_days) as string[]);
		for (const sid of added) halfDays.add(byId.get(sid)!.halfDay);
		await updateRegistrationRow(tx, row.id, { half_days: JSON.stringify([...halfDays].sort()), updated_at: nowIso });
		const person = mailPerson(row);
		if (person)
			await enqueueMail(
				tx,
				programmeChangedMail(mailEventInfo(loaded.event), person, mailProgramme(loaded, after, { halfDays, role: row.role }), {
					publicUrl: ctx.publicUrl,
					checkinCode: row.checkin_code
				})
			);
		await notifyPromotions(tx, loaded, promotions, ctx.publicUrl, nowIso);
		return after;
	});
	return {
		id: found.id,
		status: found.status === 'waitlisted' ? 'waitlisted' : 'confirmed',
		sessions: seats.map((s) => ({ id: s.session_id, status: s.status as SeatStatus })),
		manageToken: null,
		created: false
	};
}

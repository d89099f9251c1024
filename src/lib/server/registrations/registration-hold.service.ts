/**
 * Double opt-in, per event (`doubleOptIn` in the registration settings, off by default): a public
 * registration is first a hold that takes no place, no seat and no waiting-list rank; it becomes a
 * registration, by the normal capacity and waiting-list rules and with the normal confirmation
 * e-mail, when the person opens the link mailed to the address they typed and confirms. So a
 * registration made with someone else's address, or by a script, never holds a place nor mails
 * more than that one message. The hold keeps what was typed and the SHA-256 of the link's token;
 * it is deleted once confirmed, replaced by a new one for the same address, and deleted by a job
 * once expired (HOLD_HOURS). Registering again with an address already registered is the normal
 * repeat registration (same answer, a fresh private link at most every 10 minutes).
 */
import type { DbOrTx } from '../db/index.ts';
import { newRowId } from '../db/row-id.ts';
import { toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import { secureRandomBytes } from '../random.ts';
import { enqueueMail, type NewMail } from '../mail/outbox.service.ts';
import { anonymousMailNotBefore } from '../mail/anonymous-mail.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { withTx } from '../tx.ts';
import { NotFoundError } from '../validation.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { loadRegistrationEvent, loadRegistrationEventCached, registrationWindow } from './registration-event.ts';
import { findRegistrationByEmailShared } from './registration.queries.ts';
import { deleteExpiredHolds, deleteHold, findHoldByTokenHash, insertHold, type HoldRow } from './registration-hold.queries.ts';
import {
	hashToken,
	registerParticipant,
	validateRegistration,
	type RegisterOptions,
	type RegistrationContext,
	type RegistrationResult
} from './registration.service.ts';

/** How long a confirmation link works; the hold is deleted after (registration.jobs.ts). */
export const HOLD_HOURS = 24;

/** A registration waiting for its address to be confirmed: nothing is held yet. */
export interface HeldRegistration {
	held: true;
	email: string;
	expiresAt: string;
}

/** A confirmation link's token (`mco_` and 32 characters); only its hash is stored. */
function newHoldToken(): string {
	return `mco_${secureRandomBytes(24).toString('base64url')}`;
}

const looksLikeHoldToken = (token: string) => /^mco_[A-Za-z0-9_-]{32}$/.test(token);

/**
 * A registration from the public form or API. When the event asks for double opt-in (and is open):
 * checked as a registration would be (ValidationError, nothing stored), then a hold and one e-mail
 * with the confirmation link, queued behind the anonymous e-mails' cap. Otherwise, and for an
 * address already registered: registerParticipant.
 */
export async function registerOnline(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	input: unknown,
	options: Pick<RegisterOptions, 'lang' | 'now'> = {}
): Promise<RegistrationResult | HeldRegistration> {
	const now = options.now ?? new Date();
	// The cached load, as registerParticipant's: a rush reads the event once (settings changes clear it).
	const loaded = await loadRegistrationEventCached(ctx.db, slug);
	if (!loaded.settings.doubleOptIn || registrationWindow(loaded, now) !== 'open')
		return registerParticipant(ctx, actor, slug, input, options);
	const data = validateRegistration(loaded, input, 'online');
	const email = data.email!.toLowerCase();
	const existing = await findRegistrationByEmailShared(ctx.db, loaded.event.id, email);
	if (existing && existing.status !== 'cancelled') return registerParticipant(ctx, actor, slug, input, options);
	const token = newHoldToken();
	const lang: Lang = data.lang ?? options.lang ?? 'fr';
	const expiresAt = new Date(now.getTime() + HOLD_HOURS * 3600_000).toISOString();
	await withTx(ctx.db, async (tx) => {
		// One hold per address and event: the last form sent is the one confirmed.
		await insertHold(tx, {
			id: newRowId(),
			event_id: loaded.event.id,
			email,
			token_hash: hashToken(token),
			input: JSON.stringify(input),
			lang,
			created_at: now.toISOString(),
			expires_at: expiresAt
		});
		await enqueueMail(tx, {
			...optInMail(
				loaded.event,
				{ email, firstName: data.firstName, lang },
				`${ctx.publicUrl}/e/${slug}/inscription/confirmer?token=${token}`
			),
			// Anyone may type anyone's address: such e-mails wait behind the global cap.
			notBefore: await anonymousMailNotBefore(tx, now)
		});
	});
	return { held: true, email, expiresAt };
}

function optInMail(event: { id: string; title: string }, person: { email: string; firstName: string; lang: Lang }, url: string): NewMail {
	const t = translator(person.lang);
	const subject = t('registration.hold.mail.subject', { event: event.title });
	const { text, html } = renderMail({
		lang: person.lang,
		title: subject,
		paragraphs: [
			t('registration.mail.hello', { name: person.firstName }),
			t('registration.hold.mail.body', { event: event.title, hours: HOLD_HOURS })
		],
		action: { label: t('registration.hold.mail.button'), url },
		footer: t('registration.hold.mail.notYou')
	});
	return { kind: 'registration-opt-in', to: person.email, subject, text, html, eventId: event.id };
}

async function liveHold(db: DbOrTx, token: string, now: Date): Promise<HoldRow> {
	const hold = looksLikeHoldToken(token) ? await findHoldByTokenHash(db, hashToken(token)) : undefined;
	if (!hold || toIso(hold.expires_at) <= now.toISOString()) throw new NotFoundError('registration-hold');
	return hold;
}

/** What the confirmation page shows before the button: the address and first name (NotFoundError once used or expired). */
export async function getHold(ctx: RegistrationContext, slug: string, token: string, now: Date = new Date()) {
	const hold = await liveHold(ctx.db, token, now);
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	if (loaded.event.id !== hold.event_id) throw new NotFoundError('registration-hold');
	return {
		email: hold.email,
		firstName: String((JSON.parse(hold.input) as { firstName?: unknown }).firstName ?? ''),
		expiresAt: toIso(hold.expires_at)
	};
}

/**
 * The person confirms their address: the hold becomes a registration by registerParticipant (the
 * capacity and waiting list as they are now, the normal confirmation e-mail), then is deleted.
 * NotFoundError for an unknown, used or expired link; ConflictError when registration has closed
 * or the event is full without a waiting list (the hold is kept until it expires).
 */
export async function confirmHold(
	ctx: RegistrationContext,
	slug: string,
	token: string,
	now: Date = new Date()
): Promise<RegistrationResult> {
	const hold = await liveHold(ctx.db, token, now);
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	if (loaded.event.id !== hold.event_id) throw new NotFoundError('registration-hold');
	const result = await registerParticipant(ctx, null, slug, JSON.parse(hold.input), { lang: hold.lang as Lang, now });
	await deleteHold(ctx.db, hold.id);
	return result;
}

/** Deletes the holds whose link has expired (nothing else to free: a hold takes nothing). */
export async function purgeExpiredHolds(db: DbOrTx, now: Date = new Date()): Promise<number> {
	return deleteExpiredHolds(db, now.toISOString());
}

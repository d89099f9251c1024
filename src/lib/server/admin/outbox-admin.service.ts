import type { DbOrTx } from '../db/index.ts';
import type { Actor } from '../auth/permissions.ts';
import { ConflictError, NotFoundError } from '../validation.ts';
import {
	countOutbox,
	getMail,
	listOutbox,
	retryMail,
	MAIL_STATUSES,
	type MailStatus,
	type OutboxMail,
	type OutboxMailSummary
} from '../mail/outbox.service.ts';
import { maskAddress, maskPrivateLinks, maskPrivateLinksInHeaders } from '../mail/private-links.ts';

/** Instance administrators only; everyone else is told the page does not exist. */
function assertAdmin(actor: Actor): void {
	if (!actor?.isAdmin) throw new NotFoundError('admin');
}

const PAGE = 50;

/**
 * Whether the screen shows a message as it is, private links and address included: only when
 * this instance sends no mail (no `SMTP_URL`) and the message was not sent. The screen is then the
 * only way it reaches anyone (the demonstration, an instance that forwards its messages by hand),
 * and says so. Otherwise the screen is for following deliveries: an administrator sees who a
 * message is for (partly), its subject, status and error, and its bodies with every private link
 * masked, so that no one can act as a participant from it.
 */
export function shownInFull(mail: Pick<OutboxMailSummary, 'status'>, sendsMail: boolean): boolean {
	return !sendsMail && mail.status !== 'sent';
}

/** `text` with its private links and the recipient's address masked. */
function masked(text: string, address: string): string {
	return maskPrivateLinks(text.split(address).join(maskAddress(address)));
}

function maskedSummary<M extends OutboxMailSummary>(mail: M): M {
	return { ...mail, to: maskAddress(mail.to), lastError: mail.lastError === null ? null : masked(mail.lastError, mail.to) };
}

/** A message as an administrator may see it (see shownInFull), with `masked` telling which. */
export function outboxMailForAdmin(mail: OutboxMail, sendsMail: boolean): OutboxMail & { masked: boolean } {
	if (shownInFull(mail, sendsMail)) return { ...mail, masked: false };
	return {
		...maskedSummary(mail),
		text: masked(mail.text, mail.to),
		html: masked(mail.html, mail.to),
		headers: maskPrivateLinksInHeaders(mail.headers),
		masked: true
	};
}

/**
 * One page of the outbox for the administrators' screen; `sendsMail`: whether the instance has
 * an SMTP server (see shownInFull).
 */
export async function browseOutbox(db: DbOrTx, actor: Actor, options: { status?: string | null; page?: number; sendsMail: boolean }) {
	assertAdmin(actor);
	const status = MAIL_STATUSES.includes(options.status as MailStatus) ? (options.status as MailStatus) : undefined;
	const page = Math.max(1, Math.trunc(options.page ?? 1) || 1);
	const [messages, counts] = await Promise.all([listOutbox(db, { status, limit: PAGE, offset: (page - 1) * PAGE }), countOutbox(db)]);
	const total = status ? counts[status] : counts.total;
	return {
		messages: messages.map((m) => (shownInFull(m, options.sendsMail) ? m : maskedSummary(m))),
		counts,
		status: status ?? null,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE)),
		sendsMail: options.sendsMail
	};
}

/** One message with its bodies, for an administrator to read (masked, see shownInFull). */
export async function readOutboxMail(db: DbOrTx, actor: Actor, id: string, options: { sendsMail: boolean }) {
	assertAdmin(actor);
	const mail = await getMail(db, id);
	if (!mail) throw new NotFoundError('mail');
	return outboxMailForAdmin(mail, options.sendsMail);
}

/** Puts a failed message back in the queue. */
export async function retryOutboxMail(db: DbOrTx, actor: Actor, id: string): Promise<boolean> {
	assertAdmin(actor);
	return retryMail(db, id);
}

/**
 * The API's retry: puts a failed message back in the queue; NotFoundError for an unknown message
 * (or a caller who is not an administrator), ConflictError when it has not failed.
 */
export async function requeueFailedMail(db: DbOrTx, actor: Actor, id: string): Promise<void> {
	if (await retryOutboxMail(db, actor, id)) return;
	if (!(await getMail(db, id))) throw new NotFoundError('mail');
	throw new ConflictError([{ field: '_', message: 'outbox.notFailed' }]);
}

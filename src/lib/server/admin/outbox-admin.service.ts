import type { DbOrTx } from '../db/index.ts';
import type { Actor } from '../auth/permissions.ts';
import { NotFoundError } from '../validation.ts';
import { countOutbox, getMail, listOutbox, retryMail, MAIL_STATUSES, type MailStatus } from '../mail/outbox.service.ts';

/** Instance administrators only; everyone else is told the page does not exist. */
function assertAdmin(actor: Actor): void {
	if (!actor?.isAdmin) throw new NotFoundError('admin');
}

const PAGE = 50;

/** One page of the outbox for the administrators' screen. */
export async function browseOutbox(db: DbOrTx, actor: Actor, options: { status?: string | null; page?: number }) {
	assertAdmin(actor);
	const status = MAIL_STATUSES.includes(options.status as MailStatus) ? (options.status as MailStatus) : undefined;
	const page = Math.max(1, Math.trunc(options.page ?? 1) || 1);
	const [messages, counts] = await Promise.all([listOutbox(db, { status, limit: PAGE, offset: (page - 1) * PAGE }), countOutbox(db)]);
	const total = status ? counts[status] : counts.total;
	return { messages, counts, status: status ?? null, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

/** One message with its bodies, for an administrator to read. */
export async function readOutboxMail(db: DbOrTx, actor: Actor, id: string) {
	assertAdmin(actor);
	const mail = await getMail(db, id);
	if (!mail) throw new NotFoundError('mail');
	return mail;
}

/** Puts a failed message back in the queue. */
export async function retryOutboxMail(db: DbOrTx, actor: Actor, id: string): Promise<boolean> {
	assertAdmin(actor);
	return retryMail(db, id);
}

/**
 * The audit log: every export or download of personal data, every read of it through the API,
 * and every erasure, with who did it, when and what (a file name, a count, the filters), never
 * the personal data itself.
 * Administrators read it at /admin/audit.
 */
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import { NotFoundError } from '../validation.ts';
import { countAuditRows, findUserEmail, insertAuditRow, listAuditActions, listAuditRows } from './audit.queries.ts';

export const AUDIT_ACTIONS = [
	'participants.export',
	'participants.list-api',
	/** `GET /registrations/{id}` by the event's team (not by the person with their private link). */
	'registration.read-api',
	/** The team's `GET /events/{slug}/speakers` (and one speaker): private e-mails, travel costs. */
	'speakers.read-api',
	'participants.import',
	'session-list.export',
	'attendance-sheet.download',
	'attendance-record.export',
	'badges.download',
	/** Certificates of attendance (reports area): one or all. */
	'certificate.download',
	'registration.data-download',
	'registration.erased',
	/** A registration corrected by its organisers or by the person (details: the parts changed, never the values). */
	'registration.edited',
	/** The confirmation e-mail sent again by an organiser, with a new private link. */
	'registration.confirmation-resent',
	/** The answers of a named survey, with who answered (anonymous surveys are not audited: no names). */
	'survey-answers.export'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	/** The signed-in person, or null for a participant acting through their private link. */
	actor: Actor;
	/** Shown when there is no actor: who acted ("participant·e (lien privé)"). */
	actorLabel?: string;
	event: { id: string; title: string } | null;
	action: AuditAction;
	subject: string;
	details?: Record<string, unknown>;
}

export interface AuditView {
	id: string;
	at: string;
	actorId: string | null;
	actor: string;
	eventId: string | null;
	event: string;
	action: string;
	subject: string;
	details: Record<string, unknown>;
}

/**
 * Writes one line of the audit log. Pass the transaction of the change it records when there is
 * one (an erasure), so that the line exists exactly when the change does.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry, now: Date = new Date()): Promise<void> {
	let label = entry.actorLabel ?? 'participant·e (lien privé)';
	if (entry.actor) {
		label = (await findUserEmail(db, entry.actor.id)) ?? entry.actor.id;
	}
	await insertAuditRow(db, {
		id: crypto.randomUUID(),
		at: now.toISOString(),
		actor_id: entry.actor?.id ?? null,
		actor_label: label,
		event_id: entry.event?.id ?? null,
		event_label: entry.event?.title ?? '',
		action: entry.action,
		subject: entry.subject,
		details: JSON.stringify(entry.details ?? {})
	});
}

const PAGE = 50;

/** One page of the log, newest first: instance administrators only (others: NotFoundError). */
export async function browseAuditLog(
	db: DbOrTx,
	actor: Actor,
	options: { page?: number; action?: string | null; eventId?: string | null } = {}
) {
	if (!actor?.isAdmin) throw new NotFoundError('admin');
	const actions = await listAuditActions(db);
	const action = options.action && actions.includes(options.action) ? options.action : undefined;
	const eventId = options.eventId || undefined;
	const page = Math.max(1, Math.trunc(options.page ?? 1) || 1);
	const [rows, total] = await Promise.all([
		listAuditRows(db, { action, eventId, limit: PAGE, offset: (page - 1) * PAGE }),
		countAuditRows(db, { action, eventId })
	]);
	const entries: AuditView[] = rows.map((r) => ({
		id: r.id,
		at: toIso(r.at),
		actorId: r.actor_id,
		actor: r.actor_label,
		eventId: r.event_id,
		event: r.event_label,
		action: r.action,
		subject: r.subject,
		details: JSON.parse(r.details) as Record<string, unknown>
	}));
	return { entries, total, page, pages: Math.max(1, Math.ceil(total / PAGE)), actions, action: action ?? null };
}

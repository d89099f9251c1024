/**
 * Label requests: organisers ask for the NEC label from their event; the instance's national
 * reviewers (and its administrators) take, grant, refuse or ask for more information. Every
 * step is kept with its message and e-mailed to the organisers through the outbox, in the same
 * transaction. Granting or refusing sets the label status the event already shows.
 */
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { newRowId } from '../db/row-id.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import { findEventBySlug, findEventById, listOrganisersByEvent } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { labelDeadline } from '../events/label.ts';
import { loadBudgetView } from '../budget/budget.service.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { translator } from '../../i18n/index.ts';
import { parisDay, toParisIso } from '../../time.ts';
import {
	LABEL_REQUEST_STATUSES,
	labelDecisionSchema,
	labelRequestInputSchema,
	type LabelRequestStatus,
	type LabelRequestView
} from './label-request.schema.ts';
import {
	findLabelRequestByEvent,
	findLabelRequestWithEvent,
	findUserLabel,
	insertLabelRequest,
	insertLabelRequestStep,
	isReviewerRow,
	listEventEditorEmails,
	listLabelRequestRows,
	listSessionTitles,
	listStepsByRequest,
	setEventLabel,
	updateLabelRequest,
	type LabelRequestRow,
	type LabelRequestStepRow
} from './label-request.queries.ts';

/** Statuses in which the organisers are waiting for a reviewer. */
const OPEN: LabelRequestStatus[] = ['requested', 'under_review'];

/** Whether the actor works the label queue: a national reviewer or an instance administrator. */
export async function isNationalReviewer(db: DbOrTx, actor: Actor): Promise<boolean> {
	if (!actor) return false;
	return actor.isAdmin || (await isReviewerRow(db, actor.id));
}

/** Throws NotFoundError for nobody (the API answers 401 before) and ForbiddenError for anyone else. */
export async function assertNationalReviewer(db: DbOrTx, actor: Actor): Promise<NonNullable<Actor>> {
	if (!actor) throw new NotFoundError('actor');
	if (!(await isNationalReviewer(db, actor))) throw new ForbiddenError('review');
	return actor;
}

async function actorLabel(db: DbOrTx, actor: NonNullable<Actor>): Promise<string> {
	const u = await findUserLabel(db, actor.id);
	return u ? u.name || u.email : '—';
}

interface Snapshot {
	title: string;
	startsAt: string;
	endsAt: string;
	format: string;
	commune: string | null;
	departement: string | null;
	themes: string[];
	organisers: { name: string; type: string; role: string }[];
	programme: string[];
	budget: { chargesPlannedCents: number; produitsPlannedCents: number };
}

async function snapshotOf(db: DbOrTx, eventId: string): Promise<Snapshot> {
	const event = (await findEventById(db, eventId))!;
	const [organisers, sessions, budget] = await Promise.all([
		listOrganisersByEvent(db, [eventId]),
		listSessionTitles(db, eventId),
		loadBudgetView(db, eventId)
	]);
	return {
		title: event.title,
		startsAt: toParisIso(toIso(event.starts_at)),
		endsAt: toParisIso(toIso(event.ends_at)),
		format: event.format,
		commune: event.venue_commune,
		departement: event.venue_departement,
		themes: JSON.parse(event.themes) as string[],
		organisers: (organisers.get(eventId) ?? []).map((o) => ({ name: o.name, type: o.type, role: o.role })),
		programme: sessions.map((s) => s.title),
		budget: { chargesPlannedCents: budget.totals.chargesPlannedCents, produitsPlannedCents: budget.totals.produitsPlannedCents }
	};
}

type RequestWithEvent = LabelRequestRow & { event_slug: string; event_title: string; event_status: string };

function toView(row: RequestWithEvent, steps: LabelRequestStepRow[], publicUrl: string): LabelRequestView {
	const snap = JSON.parse(row.snapshot) as Snapshot;
	return {
		id: row.id,
		status: row.status as LabelRequestStatus,
		requestedOn: row.requested_on,
		late: row.late === 1,
		deadline: labelDeadline(snap.startsAt),
		expectedAudience: row.expected_audience,
		requestedSupport: JSON.parse(row.requested_support) as string[],
		event: {
			slug: row.event_slug,
			title: row.event_title,
			url: `${publicUrl.replace(/\/$/, '')}/e/${row.event_slug}`,
			status: row.event_status,
			startsAt: snap.startsAt,
			endsAt: snap.endsAt,
			format: snap.format,
			commune: snap.commune,
			departement: snap.departement,
			themes: snap.themes,
			organisers: snap.organisers,
			programme: snap.programme,
			budget: snap.budget
		},
		history: steps.map((s) => ({ at: toIso(s.at), actor: s.actor_label, status: s.status as LabelRequestStatus, message: s.message })),
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
		version: Number(row.version)
	};
}

async function loadView(ctx: ServiceContext, db: DbOrTx, id: string): Promise<LabelRequestView> {
	const row = await findLabelRequestWithEvent(db, id);
	if (!row) throw new NotFoundError('label-request');
	return toView(row, (await listStepsByRequest(db, [id])).get(id) ?? [], ctx.publicUrl);
}

/** E-mails the event's owners and organisers about a step of their request (in the caller's transaction). */
async function tellOrganisers(
	ctx: ServiceContext,
	db: DbOrTx,
	eventId: string,
	slug: string,
	title: string,
	status: string,
	message: string
) {
	const t = translator('fr');
	const subject = t(`national.mail.subject.${status}`, { title });
	const paragraphs = [t(`national.mail.body.${status}`, { title }), ...(message ? [t('national.mail.message'), message] : [])];
	const mail = renderMail({
		lang: 'fr',
		title: subject,
		paragraphs,
		action: { label: t('national.mail.action'), url: `${ctx.publicUrl.replace(/\/$/, '')}/organisateur/e/${slug}/label` }
	});
	for (const { email } of await listEventEditorEmails(db, eventId))
		await enqueueMail(db, { kind: `label-${status}`, to: email, subject, eventId, ...mail });
}

/**
 * The organisers' label request (owners and organisers of the event; read-only members get
 * ForbiddenError). Reads what the programme asks for from the event, flags a request made less
 * than four months ahead, sets the event's label to « demandé ». A request already waiting or
 * granted is a ConflictError; after « more information » or a refusal it is submitted again.
 * With `version` (the form's, 0 when there was no request yet; If-Match): StaleVersionError and
 * nothing written when the request changed since (a reviewer's step, another organiser's request).
 */
export async function requestLabel(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	now: Date = new Date(),
	version?: ExpectedVersion
): Promise<LabelRequestView> {
	const data = parseOrThrow(labelRequestInputSchema, input ?? {});
	return withTx(ctx.db, async (tx) => {
		const event = await findEventBySlug(tx, slug);
		if (!event) throw new NotFoundError('event');
		await assertEventPermission(tx, event.id, actor, 'edit');
		const existing = await findLabelRequestByEvent(tx, event.id);
		if (existing && OPEN.includes(existing.status as LabelRequestStatus))
			throw new ConflictError([{ field: '_', message: 'national.errors.requestOpen' }]);
		if (existing?.status === 'granted') throw new ConflictError([{ field: '_', message: 'national.errors.alreadyGranted' }]);
		const versions = versionsToWrite(version, existing ? Number(existing.version) : 0);
		if (new Date(toIso(event.ends_at)).getTime() < now.getTime())
			throw new ValidationError([{ field: '_', message: 'national.errors.eventOver' }]);
		const at = now.toISOString();
		const requestedOn = parisDay(at);
		const snapshot = JSON.stringify(await snapshotOf(tx, event.id));
		const late = requestedOn > labelDeadline(toIso(event.starts_at)) ? 1 : 0;
		const values = {
			status: 'requested',
			requested_on: requestedOn,
			late,
			expected_audience: data.expectedAudience ?? existing?.expected_audience ?? null,
			requested_support: JSON.stringify(data.requestedSupport ?? (existing ? JSON.parse(existing.requested_support) : [])),
			snapshot,
			requested_by: actor!.id,
			updated_at: at
		};
		const id = existing?.id ?? crypto.randomUUID();
		if (existing && !(await updateLabelRequest(tx, id, values, versions))) {
			const stored = await findLabelRequestByEvent(tx, event.id);
			throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
		}
		if (!existing) await insertLabelRequest(tx, { id, event_id: event.id, created_at: at, ...values });
		await insertLabelRequestStep(tx, {
			id: newRowId(),
			request_id: id,
			at,
			actor_id: actor!.id,
			actor_label: await actorLabel(tx, actor!),
			status: 'requested',
			message: data.message ?? ''
		});
		await setEventLabel(tx, event.id, 'requested', event.label_requested_on && existing ? event.label_requested_on : requestedOn, at);
		return loadView(ctx, tx, id);
	});
}

/** The event's request and its history, for its team (null when none was made). */
export async function getLabelRequestForEvent(ctx: ServiceContext, actor: Actor, slug: string): Promise<LabelRequestView | null> {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'view');
	const row = await findLabelRequestByEvent(ctx.db, event.id);
	return row ? loadView(ctx, ctx.db, row.id) : null;
}

/** The reviewers' queue, optionally one status (an unknown status is a ValidationError). */
export async function listLabelRequests(ctx: ServiceContext, actor: Actor, status: string | null = null): Promise<LabelRequestView[]> {
	await assertNationalReviewer(ctx.db, actor);
	if (status && !(LABEL_REQUEST_STATUSES as readonly string[]).includes(status))
		throw new ValidationError([{ field: 'status', message: 'errors.invalidChoice' }]);
	const rows = await listLabelRequestRows(ctx.db, status || null);
	const steps = await listStepsByRequest(
		ctx.db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => toView(r, steps.get(r.id) ?? [], ctx.publicUrl));
}

/** One request with its history, for reviewers. */
export async function getLabelRequest(ctx: ServiceContext, actor: Actor, id: string): Promise<LabelRequestView> {
	await assertNationalReviewer(ctx.db, actor);
	return loadView(ctx, ctx.db, id);
}

/**
 * A reviewer's decision: takes the request (`under_review`), grants, refuses or asks for more
 * information, with a message to the organisers (e-mailed, and kept in the history). Granting
 * or refusing sets the event's label status; a decided request is a ConflictError.
 */
export async function decideLabelRequest(
	ctx: ServiceContext,
	actor: Actor,
	id: string,
	input: unknown,
	now: Date = new Date()
): Promise<LabelRequestView> {
	const reviewer = await assertNationalReviewer(ctx.db, actor);
	const data = parseOrThrow(labelDecisionSchema, input);
	return withTx(ctx.db, async (tx) => {
		const row = await findLabelRequestWithEvent(tx, id);
		if (!row) throw new NotFoundError('label-request');
		if (row.status === 'granted' || row.status === 'refused')
			throw new ConflictError([{ field: 'decision', message: 'national.errors.alreadyDecided' }]);
		const at = now.toISOString();
		await updateLabelRequest(tx, id, { status: data.decision, updated_at: at });
		await insertLabelRequestStep(tx, {
			id: newRowId(),
			request_id: id,
			at,
			actor_id: reviewer.id,
			actor_label: await actorLabel(tx, reviewer),
			status: data.decision,
			message: data.message
		});
		if (data.decision === 'granted' || data.decision === 'refused')
			await setEventLabel(tx, row.event_id, data.decision, row.requested_on, at);
		await tellOrganisers(ctx, tx, row.event_id, row.event_slug, row.event_title, data.decision, data.message);
		return loadView(ctx, tx, id);
	});
}

/**
 * Campaigns: the messages an organiser sends around the event (save-the-date, invitation,
 * reminders, practical information, survey, thanks, free ones). A campaign is scheduled relative
 * to the event's first or last day (its date is worked out at every read, so moving the event
 * moves it), at a fixed time, or sent by hand. When it goes, one recipient row per address is
 * written (unique per campaign: nobody gets two) with its message queued unwritten in the outbox;
 * the renderer writes each (campaign-mail.ts) and the worker sends them at its throttled rate.
 * Each campaign is also a task of the retro-planning, done when the campaign is sent.
 */
import { TZDate } from '@date-fns/tz';
import type { Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import type { ServiceContext } from '../events/event.service.ts';
import type { EventRow } from '../events/event.queries.ts';
import { enqueueMail, newMailToRenderRow } from '../mail/outbox.service.ts';
import { eventForPreparation } from '../planning/event-access.ts';
import { addDays } from '../planning/planning.rules.ts';
import { taskDating } from './campaign-tasks.ts';
import { insertTaskRows, nextPosition, updateTaskRow } from '../planning/task.queries.ts';
import { selectSuppressedEmails } from '../contacts/contact.queries.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { ConflictError, NotFoundError, ValidationError, parseOrThrow, type FieldIssue } from '../validation.ts';
import { parisDay, TIME_ZONE } from '../../time.ts';
import { eventHalfDays, halfDayOf } from '../registrations/half-days.ts';
import {
	claimCampaignForSending,
	countEventLists,
	findCampaignById,
	findCampaignRow,
	findReportPublishedAt,
	findUserEmail,
	insertCampaignRow,
	insertMailRows,
	insertRecipients,
	listCampaignRows,
	listScheduledCampaigns,
	listSessionChoices,
	selectAbsent,
	selectAttended,
	selectCampaignCounts,
	selectCampaignFailures,
	selectListContacts,
	selectRegisteredEmails,
	selectRegistrationsByStatus,
	selectSessionsForAudience,
	selectSpeakerAddresses,
	selectSurveyNonRespondents,
	selectTeamAddresses,
	updateCampaignRow,
	type CampaignRow
} from './campaign.queries.ts';
import { campaignInputSchema, campaignPatchSchema } from './campaign.schema.ts';
import { CAMPAIGN_TEMPLATES, EMPTY_AUDIENCE, campaignTemplate, type AudienceInput, type CampaignKind } from './campaign.templates.ts';
import {
	CAMPAIGN_TEMPLATE,
	campaignMessage,
	hashUnsubscribeToken,
	newUnsubscribeToken,
	placeholderValues,
	type CampaignRenderFrom
} from './campaign-mail.ts';
import { needsRegistration, unknownPlaceholders } from './placeholders.ts';
import { newRowId } from '../db/row-id.ts';

export type CampaignStatus = 'draft' | 'scheduled' | 'sent' | 'cancelled';

export interface CampaignStats {
	recipients: number;
	sent: number;
	waiting: number;
	failed: number;
	unsubscribed: number;
}

export interface CampaignView {
	id: string;
	kind: CampaignKind;
	name: string;
	subject: string;
	body: string;
	audience: AudienceInput;
	schedule: {
		anchor: 'start' | 'end' | 'fixed' | 'manual' | 'report';
		offsetDays: number | null;
		sendTime: string;
		fixedAt: string | null;
	};
	status: CampaignStatus;
	sendAt: string | null;
	queuedAt: string | null;
	taskId: string | null;
	stats: CampaignStats;
	/** Raised at each change: the edit form and If-Match send it back (no lost update). */
	version: number;
}

export interface Recipient {
	email: string;
	firstName: string;
	lastName: string;
	registrationId: string | null;
}

const EMPTY_STATS: CampaignStats = { recipients: 0, sent: 0, waiting: 0, failed: 0, unsubscribed: 0 };

/**
 * When a campaign goes, from the event's current dates (Paris time); for one anchored on the
 * report, when the report was published; null when sent by hand or the report is not published.
 */
export function sendAtOf(
	c: Pick<CampaignRow, 'anchor' | 'offset_days' | 'send_time' | 'fixed_at'>,
	event: { starts_at: string | Date; ends_at: string | Date; report_published_at?: string | Date | null }
): string | null {
	if (c.anchor === 'fixed') return c.fixed_at ? toIso(c.fixed_at) : null;
	if (c.anchor === 'report') return event.report_published_at ? toIso(event.report_published_at) : null;
	if (c.anchor !== 'start' && c.anchor !== 'end') return null;
	const day = addDays(parisDay(toIso(c.anchor === 'start' ? event.starts_at : event.ends_at)), c.offset_days ?? 0);
	const [y, m, d] = day.split('-').map(Number);
	const [h, min] = c.send_time.split(':').map(Number);
	return new Date(new TZDate(y, m - 1, d, h, min, 0, TIME_ZONE).getTime()).toISOString();
}

type Dates = Pick<EventRow, 'starts_at' | 'ends_at'> & { report_published_at?: string | Date | null };

function toView(row: CampaignRow, event: Dates, stats: CampaignStats): CampaignView {
	return {
		id: row.id,
		kind: row.kind as CampaignKind,
		name: row.name,
		subject: row.subject,
		body: row.body,
		audience: { ...EMPTY_AUDIENCE, ...(JSON.parse(row.audience) as Partial<AudienceInput>) },
		schedule: {
			anchor: row.anchor as CampaignView['schedule']['anchor'],
			offsetDays: row.offset_days === null ? null : Number(row.offset_days),
			sendTime: row.send_time,
			fixedAt: row.fixed_at ? toIso(row.fixed_at) : null
		},
		status: row.status as CampaignStatus,
		sendAt: row.queued_at ? toIso(row.queued_at) : sendAtOf(row, event),
		queuedAt: row.queued_at ? toIso(row.queued_at) : null,
		taskId: row.planning_task_id,
		stats,
		version: Number(row.version)
	};
}

async function statsByCampaign(db: DbOrTx, eventId: string): Promise<Map<string, CampaignStats>> {
	const { byStatus, unsubscribed } = await selectCampaignCounts(db, eventId);
	const out = new Map<string, CampaignStats>();
	const of = (id: string) => {
		let s = out.get(id);
		if (!s) out.set(id, (s = { ...EMPTY_STATS }));
		return s;
	};
	for (const r of byStatus) {
		const s = of(r.campaign_id);
		s.recipients += r.n;
		if (r.status === 'sent') s.sent += r.n;
		else if (r.status === 'failed') s.failed += r.n;
		else s.waiting += r.n;
	}
	for (const r of unsubscribed) of(r.campaign_id).unsubscribed = r.n;
	return out;
}

/** Checks what a campaign may hold: known placeholders, lists of this event, private links only for registered people. */
async function checkCampaign(db: DbOrTx, eventId: string, c: { subject: string; body: string; audience: AudienceInput }): Promise<void> {
	const issues: FieldIssue[] = [];
	for (const field of ['subject', 'body'] as const) {
		const unknown = unknownPlaceholders(c[field]);
		if (unknown.length)
			issues.push({ field, message: 'campaigns.errors.unknownPlaceholder', params: { names: unknown.map((n) => `{${n}}`).join(', ') } });
	}
	const a = c.audience;
	if (needsRegistration(c.subject, c.body) && (a.lists.length > 0 || a.speakers || a.team))
		issues.push({ field: 'body', message: 'campaigns.errors.registrationPlaceholder' });
	if (a.lists.length) {
		if ((await countEventLists(db, eventId, a.lists)) !== new Set(a.lists).size)
			issues.push({ field: 'audience.lists', message: 'campaigns.errors.unknownList' });
	}
	if (a.attendedSessions.length) {
		const known = await selectSessionsForAudience(db, eventId, a.attendedSessions);
		if (known.length !== new Set(a.attendedSessions).size)
			issues.push({ field: 'audience.attendedSessions', message: 'campaigns.errors.unknownSession' });
	}
	if (issues.length) throw new ValidationError(issues);
}

function phaseFor(kind: CampaignKind, offset: number | null) {
	if (kind !== 'free') return CAMPAIGN_TEMPLATES[kind].phase;
	return offset !== null && offset > 0 ? 'follow-up' : 'mobilisation';
}

/** Creates a campaign from its kind's ready text, with what the input changes; and its retro-planning task. */
export async function createCampaign(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<CampaignView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrow(campaignInputSchema, input);
		const template = campaignTemplate(data.kind, { startsAt: toIso(event.starts_at), endsAt: toIso(event.ends_at) });
		const audience = { ...EMPTY_AUDIENCE, ...template.audience, ...(data.audience ?? {}) };
		const schedule = data.schedule ?? { anchor: template.anchor, offsetDays: template.offsetDays, sendTime: '09:00', fixedAt: null };
		const c = { subject: data.subject ?? template.subject, body: data.body ?? template.body, audience };
		await checkCampaign(tx, event.id, c);
		const now = new Date();
		const nowIso = now.toISOString();
		const row: CampaignRow = {
			version: 1,
			id: crypto.randomUUID(),
			event_id: event.id,
			kind: data.kind,
			name: data.name ?? template.name,
			subject: c.subject,
			body: c.body,
			audience: JSON.stringify(audience),
			anchor: schedule.anchor,
			offset_days: schedule.anchor === 'start' || schedule.anchor === 'end' ? (schedule.offsetDays ?? 0) : null,
			send_time: schedule.sendTime ?? '09:00',
			fixed_at: schedule.anchor === 'fixed' ? (schedule.fixedAt ?? null) : null,
			status: data.status,
			planning_task_id: crypto.randomUUID(),
			created_by: actor?.id ?? null,
			queued_at: null,
			created_at: nowIso,
			updated_at: nowIso
		};
		if (row.status === 'scheduled') await checkHasRecipients(tx, event.id, audience);
		await insertTaskRows(tx, [
			{
				id: row.planning_task_id!,
				event_id: event.id,
				position: await nextPosition(tx, 'planning_task', event.id),
				kind: 'task',
				title: `Campagne : ${row.name}`,
				phase: phaseFor(data.kind, row.offset_days),
				...taskDating(row, event, now),
				status: 'todo',
				owner_user_id: null,
				owner_committee_id: null,
				notes: 'Envoyée depuis la page Campagnes : la tâche est faite quand la campagne part.',
				template_key: `campaign:${row.id}`,
				completed_at: null,
				created_at: nowIso,
				updated_at: nowIso
			}
		]);
		await insertCampaignRow(tx, row);
		return toView(row, event, EMPTY_STATS);
	});
}

async function campaignOf(db: DbOrTx, actor: Actor, slug: string, id: string, action: 'view' | 'edit') {
	const { event, role } = await eventForPreparation(db, actor, slug, action);
	const row = await findCampaignRow(db, event.id, id);
	if (!row) throw new NotFoundError('campaign');
	return { event, role, row };
}

function assertEditable(row: CampaignRow) {
	if (row.status === 'sent' || row.status === 'cancelled')
		throw new ConflictError([
			{ field: 'status', message: row.status === 'sent' ? 'campaigns.errors.alreadySent' : 'campaigns.errors.cancelled' }
		]);
}

async function checkHasRecipients(db: DbOrTx, eventId: string, audience: AudienceInput) {
	if ((await resolveAudience(db, eventId, audience)).length === 0)
		throw new ValidationError([{ field: 'audience', message: 'campaigns.errors.noRecipient' }]);
}

/**
 * Changes a campaign not yet sent; `status: 'scheduled'` arms it (refused without any recipient).
 * With `version` (form, If-Match): StaleVersionError and nothing written when it changed since.
 */
export async function updateCampaign(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<CampaignView> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await campaignOf(tx, actor, slug, id, 'edit');
		// A stale version first: sent or cancelled meanwhile reads as "someone changed it", with what changed.
		const versions = versionsToWrite(version, Number(row.version));
		assertEditable(row);
		const data = parseOrThrow(campaignPatchSchema, input);
		const audience = data.audience ? { ...EMPTY_AUDIENCE, ...data.audience } : { ...EMPTY_AUDIENCE, ...JSON.parse(row.audience) };
		const next: CampaignRow = {
			...row,
			name: data.name ?? row.name,
			subject: data.subject ?? row.subject,
			body: data.body ?? row.body,
			audience: JSON.stringify(audience),
			status: data.status ?? row.status,
			updated_at: new Date().toISOString()
		};
		if (data.schedule) {
			const s = data.schedule;
			next.anchor = s.anchor;
			next.offset_days = s.anchor === 'start' || s.anchor === 'end' ? (s.offsetDays ?? 0) : null;
			next.send_time = s.sendTime ?? '09:00';
			next.fixed_at = s.anchor === 'fixed' ? (s.fixedAt ?? null) : null;
		}
		await checkCampaign(tx, event.id, { subject: next.subject, body: next.body, audience });
		if (next.status === 'scheduled') await checkHasRecipients(tx, event.id, audience);
		const { id: _id, event_id: _e, created_at: _c, version: _v, ...values } = next;
		if (!(await updateCampaignRow(tx, row.id, values, versions))) {
			const stored = await findCampaignRow(tx, event.id, row.id);
			throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
		}
		if (row.planning_task_id)
			await updateTaskRow(tx, row.planning_task_id, {
				title: `Campagne : ${next.name}`,
				...taskDating(next, event, new Date()),
				updated_at: next.updated_at
			});
		return toView({ ...next, version: versions[0] + 1 }, event, EMPTY_STATS);
	});
}

/** The event's campaigns with their figures, in the order they were created. */
export async function listCampaigns(ctx: ServiceContext, actor: Actor, slug: string): Promise<CampaignView[]> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const stats = await statsByCampaign(ctx.db, event.id);
	const dates = { ...event, report_published_at: await findReportPublishedAt(ctx.db, event.id) };
	return (await listCampaignRows(ctx.db, event.id)).map((r) => toView(r, dates, stats.get(r.id) ?? EMPTY_STATS));
}

/** One campaign, its figures and the recipients whose message failed (with the SMTP reason). */
export async function getCampaign(ctx: ServiceContext, actor: Actor, slug: string, id: string) {
	const { event, row, role } = await campaignOf(ctx.db, actor, slug, id, 'view');
	const stats = (await statsByCampaign(ctx.db, event.id)).get(row.id) ?? EMPTY_STATS;
	const failures = await selectCampaignFailures(ctx.db, row.id, 200);
	const sessions = await listSessionChoices(ctx.db, event.id);
	return {
		/** What the audience's "came on / to" may name: the event's half-days and sessions. */
		choices: {
			halfDays: eventHalfDays(toIso(event.starts_at), toIso(event.ends_at)).map((h) => h.key),
			sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: toIso(s.starts_at) }))
		},
		event: { id: event.id, slug: event.slug, title: event.title, role, startsAt: toIso(event.starts_at), endsAt: toIso(event.ends_at) },
		campaign: toView(row, { ...event, report_published_at: await findReportPublishedAt(ctx.db, event.id) }, stats),
		failures: failures.map((f) => ({ email: f.email, reason: f.last_error ?? '' }))
	};
}

/** Cancels a campaign before it goes; its retro-planning task is cancelled too. */
export async function cancelCampaign(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<CampaignView> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await campaignOf(tx, actor, slug, id, 'edit');
		assertEditable(row);
		const nowIso = new Date().toISOString();
		await updateCampaignRow(tx, row.id, { status: 'cancelled', updated_at: nowIso });
		if (row.planning_task_id) await updateTaskRow(tx, row.planning_task_id, { status: 'cancelled', updated_at: nowIso });
		return toView({ ...row, status: 'cancelled' }, event, EMPTY_STATS);
	});
}

/**
 * What "came on these half-days or to these sessions" reads in the check-in record: a session
 * without registration counts whoever came on its half-day, one needing registration its confirmed
 * seat holders checked in on its half-day: the rule of `registrations/attendance.ts`, in SQL (the
 * report's per-session "attended" and the certificates follow it too).
 */
async function attendanceFilter(db: DbOrTx, eventId: string, a: AudienceInput) {
	const halfDays = new Set(a.attendedHalfDays);
	const seatSessions = new Map<string, string[]>();
	const sessions = a.attendedSessions.length ? await selectSessionsForAudience(db, eventId, a.attendedSessions) : [];
	for (const s of sessions) {
		const day = halfDayOf(toIso(s.starts_at));
		if (Number(s.requires_registration) !== 1) halfDays.add(day);
		else seatSessions.set(day, [...(seatSessions.get(day) ?? []), s.id]);
	}
	return { halfDays: [...halfDays], seatSessions };
}

/**
 * The people an audience names, once each (by lower-cased address; a registration's names and
 * link win over a contact's), without the addresses unsubscribed from this organiser.
 */
export async function resolveAudience(db: DbOrTx, eventId: string, a: AudienceInput): Promise<Recipient[]> {
	const byEmail = new Map<string, Recipient>();
	const add = (email: string | null, firstName: string, lastName: string, registrationId: string | null) => {
		if (!email) return;
		const key = email.trim().toLowerCase();
		const earlier = byEmail.get(key);
		if (earlier && (earlier.registrationId || !registrationId)) return;
		byEmail.set(key, { email: key, firstName, lastName, registrationId });
	};
	const people = (rows: { email: string | null; first_name: string; last_name: string; registration_id: string }[]) =>
		rows.forEach((r) => add(r.email, r.first_name, r.last_name, r.registration_id));
	if (a.registrations.length) people(await selectRegistrationsByStatus(db, eventId, a.registrations));
	if (a.attended || a.attendedHalfDays.length || a.attendedSessions.length) {
		const { halfDays, seatSessions } = await attendanceFilter(db, eventId, a);
		people(await selectAttended(db, eventId, halfDays, seatSessions));
	}
	if (a.absent) people(await selectAbsent(db, eventId));
	if (a.surveyNonRespondents) people(await selectSurveyNonRespondents(db, eventId));
	if (a.lists.length) for (const c of await selectListContacts(db, eventId, a.lists)) add(c.email, c.first_name, c.last_name, null);
	const split = (name: string) => {
		const [first, ...rest] = name.trim().split(/\s+/);
		return [first ?? '', rest.join(' ')] as const;
	};
	if (a.speakers) for (const s of await selectSpeakerAddresses(db, eventId)) add(s.email, ...split(s.name), null);
	if (a.team) for (const m of await selectTeamAddresses(db, eventId)) add(m.email, ...split(m.name), null);
	const suppressed = await selectSuppressedEmails(db, eventId);
	const registered = a.excludeRegistered ? await selectRegisteredEmails(db, eventId) : new Set<string>();
	return [...byEmail.values()].filter((r) => !suppressed.has(r.email) && !registered.has(r.email));
}

/**
 * Hands a campaign to the outbox: marks it sent (only one caller wins), writes one recipient row
 * per address (the unique key skips any already there) and queues each message unwritten, in one
 * transaction; its retro-planning task is done. Answers how many messages were queued.
 */
export async function queueCampaign(db: DbOrTx, campaignId: string, now: Date = new Date()): Promise<{ queued: number } | null> {
	return withTx(db, async (tx) => {
		const row = await findCampaignById(tx, campaignId);
		if (!row) return null;
		const nowIso = now.toISOString();
		if (!(await claimCampaignForSending(tx, row.id, nowIso))) return null;
		const audience = { ...EMPTY_AUDIENCE, ...(JSON.parse(row.audience) as Partial<AudienceInput>) };
		const people = await resolveAudience(tx, row.event_id, audience);
		let queued = 0;
		for (let i = 0; i < people.length; i += 500) {
			const chunk = people.slice(i, i + 500);
			const tokens = new Map<string, string>();
			const recipients = chunk.map((p) => {
				const token = newUnsubscribeToken();
				const id = newRowId();
				tokens.set(id, token);
				return {
					id,
					campaign_id: row.id,
					email: p.email,
					first_name: p.firstName,
					last_name: p.lastName,
					registration_id: p.registrationId,
					mail_id: newRowId(),
					unsubscribe_hash: hashUnsubscribeToken(token),
					created_at: nowIso
				};
			});
			const inserted = await insertRecipients(tx, recipients);
			const mails = inserted.map((r) => {
				const renderFrom: CampaignRenderFrom = { template: CAMPAIGN_TEMPLATE, recipientId: r.id, unsubscribeToken: tokens.get(r.id)! };
				return {
					...newMailToRenderRow({ kind: 'campaign', to: r.email, subject: row.subject, eventId: row.event_id }, renderFrom, {
						now
					}),
					id: r.mail_id!
				};
			});
			await insertMailRows(tx, mails);
			queued += mails.length;
		}
		if (row.planning_task_id) await updateTaskRow(tx, row.planning_task_id, { status: 'done', completed_at: nowIso, updated_at: nowIso });
		return { queued };
	});
}

/** "Send now": queues a draft or scheduled campaign at once; refused when nobody would receive it. */
export async function sendCampaignNow(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<CampaignView> {
	const { event, row } = await campaignOf(ctx.db, actor, slug, id, 'edit');
	assertEditable(row);
	const audience = { ...EMPTY_AUDIENCE, ...(JSON.parse(row.audience) as Partial<AudienceInput>) };
	await checkCampaign(ctx.db, event.id, { subject: row.subject, body: row.body, audience });
	await checkHasRecipients(ctx.db, event.id, audience);
	if (!(await queueCampaign(ctx.db, row.id))) throw new ConflictError([{ field: 'status', message: 'campaigns.errors.alreadySent' }]);
	return (await getCampaign(ctx, actor, slug, id)).campaign;
}

/** The campaign as its first recipient would read it (a real person's values; links shown, not minted). */
export async function previewCampaign(ctx: ServiceContext, actor: Actor, slug: string, id: string) {
	const { event, row } = await campaignOf(ctx.db, actor, slug, id, 'view');
	const audience = { ...EMPTY_AUDIENCE, ...(JSON.parse(row.audience) as Partial<AudienceInput>) };
	const people = await resolveAudience(ctx.db, event.id, audience);
	const person = people[0] ?? null;
	const base = ctx.publicUrl.replace(/\/$/, '');
	const links = person?.registrationId
		? { manage: `${base}/inscription/…`, survey: `${base}/inscription/…/questionnaire` }
		: { manage: `${base}/e/${event.slug}`, survey: `${base}/e/${event.slug}` };
	const values = placeholderValues(ctx.publicUrl, event, { first_name: person?.firstName ?? '', last_name: person?.lastName ?? '' }, links);
	const message = campaignMessage(row, values, `${base}/api/v1/unsubscribe?token=…`);
	return { recipients: people.length, person, subject: message.subject, text: message.text };
}

/** Sends the preview to the actor's own address, marked as a test. */
export async function sendTestCampaign(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<{ to: string }> {
	const { event } = await campaignOf(ctx.db, actor, slug, id, 'edit');
	const me = actor ? await findUserEmail(ctx.db, actor.id) : undefined;
	if (!me) throw new NotFoundError('user');
	const preview = await previewCampaign(ctx, actor, slug, id);
	const row = (await findCampaignRow(ctx.db, event.id, id))!;
	const base = ctx.publicUrl.replace(/\/$/, '');
	const values = placeholderValues(
		ctx.publicUrl,
		event,
		{ first_name: preview.person?.firstName ?? '', last_name: preview.person?.lastName ?? '' },
		{ manage: `${base}/e/${event.slug}`, survey: `${base}/e/${event.slug}` }
	);
	const message = campaignMessage(row, values, null);
	await enqueueMail(ctx.db, { kind: 'campaign-test', to: me.email, eventId: event.id, ...message, subject: `[Test] ${message.subject}` });
	return { to: me.email };
}

/**
 * The periodic job's work: queues every scheduled campaign whose time has come (from the event's
 * current dates). Idempotent and safe from several processes: queueCampaign lets one win.
 */
export async function queueDueCampaigns(
	db: DbOrTx,
	now: Date = new Date(),
	eventId?: string
): Promise<{ campaigns: number; queued: number }> {
	let campaigns = 0;
	let queued = 0;
	for (const c of await listScheduledCampaigns(db, eventId)) {
		const at = sendAtOf(c, c);
		if (!at || Date.parse(at) > now.getTime()) continue;
		const r = await queueCampaign(db, c.id, now);
		if (r) {
			campaigns++;
			queued += r.queued;
		}
	}
	return { campaigns, queued };
}

/**
 * Called when an event's report is published: its scheduled campaigns anchored on the report
 * (the thank-you with the report's link) go now rather than at the job's next minute. The job
 * would queue them too; queueCampaign lets one caller win.
 */
export function queueReportCampaigns(db: DbOrTx, eventId: string, now: Date = new Date()) {
	return queueDueCampaigns(db, now, eventId);
}

/**
 * What organisers set: when registration opens and closes, the event's capacity and waiting list,
 * the reminders, which sessions need a seat and how many, and their own questions. Raising a
 * capacity gives the new places to those waiting, at once, in the same transaction.
 */
import { z } from 'zod';
import type { DbOrTx, Tx } from '../db/index.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { withTx } from '../tx.ts';
import { toIso } from '../db/time.ts';
import { toParisIso } from '../../time.ts';
import { updateEvent, type EventView, type ServiceContext } from '../events/event.service.ts';
import { fillEvent, fillSession, inQuotaTransaction, lockEvent, type Promotion } from './registration-quota.ts';
import { forgetRegistrationEvents, loadRegistrationEvent, type LoadedEvent, type RegistrationSettingsView } from './registration-event.ts';
import {
	countConfirmedRegistrations,
	countEventWaiters,
	countSeats,
	deleteQuestionRow,
	findSessionEvent,
	insertQuestionRow,
	listQuestionRows,
	listSeatsByRegistration,
	updateQuestionRow
} from './registration.queries.ts';
import {
	findSettings,
	listSessionVersions,
	lockAndReadSessions,
	updateSessionRegistrationColumns,
	updateSettingsRow
} from './registration-event.queries.ts';
import {
	EVENT_PATCH_REGISTRATION_FIELDS,
	fieldIssues,
	parseRegistrationInput,
	questionSchema,
	registrationSettingsSchema,
	sessionRegistrationSchema,
	type RegistrationSettingsInput
} from './registration.schema.ts';
import { findQuestionRow, updateQuestionAtVersion } from './registration-question.queries.ts';
import { notifyPromotions, sessionQuota, type RegistrationContext } from './registration.service.ts';

/** The settings page: settings, sessions with their seats taken, questions, and the counts. */
export async function getRegistrationSettings(ctx: RegistrationContext, actor: Actor, slug: string) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'view');
	const counts = await countSeats(
		ctx.db,
		loaded.sessions.map((s) => s.id)
	);
	const [confirmed, waiting, versions] = await Promise.all([
		countConfirmedRegistrations(ctx.db, loaded.event.id),
		countEventWaiters(ctx.db, loaded.event.id),
		listSessionVersions(ctx.db, loaded.event.id)
	]);
	return {
		event: loaded.event,
		settings: loaded.settings,
		confirmed,
		waiting,
		sessions: loaded.sessions.map((s) => ({ ...s, ...counts.get(s.id)!, version: versions.get(s.id) ?? 1 })),
		questions: loaded.questions
	};
}

/** Gives places freed by a raised capacity to those waiting; call with the event locked. */
async function fillAll(
	tx: Tx,
	loaded: LoadedEvent,
	capacity: number | null,
	waitlistEnabled: boolean,
	nowIso: string
): Promise<Promotion[]> {
	const promotions = await fillEvent(tx, loaded.event.id, { capacity, waitlistEnabled, exclusive: true }, nowIso);
	const ids = new Set(loaded.sessions.map((s) => s.id));
	if (promotions.length) {
		const seats = await listSeatsByRegistration(
			tx,
			promotions.map((p) => p.registrationId)
		);
		for (const list of seats.values()) for (const s of list) ids.add(s.session_id);
	}
	for (const s of (await lockAndReadSessions(tx, [...ids])).map(sessionQuota)) promotions.push(...(await fillSession(tx, s)));
	return promotions;
}

function checkWindow(opens: string | null, closes: string | null): FieldIssue[] {
	return opens && closes && closes <= opens ? [{ field: 'registrationClosesAt', message: 'registration.errors.closesBeforeOpens' }] : [];
}

/**
 * Changes an event's registration settings (any subset; `null` clears a date or the capacity).
 * Organisers only (`edit`). Returns the new settings and, when the capacity is now below the
 * confirmed count, a warning (nobody is ever unregistered by it). With `version` (form,
 * If-Match): StaleVersionError and nothing written when the settings changed since.
 */
export async function updateRegistrationSettings(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<{ settings: RegistrationSettingsView; warning: { confirmed: number } | null }> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const patch = parseRegistrationInput(registrationSettingsSchema, input);
	return applySettings(ctx.db, ctx.publicUrl, loaded, patch, version);
}

async function applySettings(
	db: DbOrTx,
	publicUrl: string,
	loaded: LoadedEvent,
	patch: RegistrationSettingsInput,
	version?: ExpectedVersion
) {
	const s = loaded.settings;
	const opens = patch.registrationOpensAt === undefined ? s.registrationOpensAt : patch.registrationOpensAt;
	const closes = patch.registrationClosesAt === undefined ? s.registrationClosesAt : patch.registrationClosesAt;
	const issues = checkWindow(opens, closes);
	if (issues.length) throw new ValidationError(issues);
	const nowIso = new Date().toISOString();
	const confirmed = await inQuotaTransaction(db, async (tx) => {
		await lockEvent(tx, loaded.event.id, { exclusive: true });
		// Read under the event's lock (the cached `loaded` may be a moment old): the version it holds now.
		const stored = Number((await findSettings(tx, loaded.event.id))?.version ?? 1);
		const versions = versionsToWrite(version, stored);
		const capacity = patch.capacity === undefined ? s.capacity : patch.capacity;
		const waitlist = patch.waitlistEnabled ?? s.waitlistEnabled;
		const written = await updateSettingsRow(
			tx,
			loaded.event.id,
			{
				capacity,
				opens_at: opens,
				closes_at: closes,
				waitlist_enabled: waitlist ? 1 : 0,
				double_opt_in: (patch.doubleOptIn ?? s.doubleOptIn) ? 1 : 0,
				reminder_j7_enabled: (patch.reminders?.j7?.enabled ?? s.reminders.j7.enabled) ? 1 : 0,
				reminder_j1_enabled: (patch.reminders?.j1?.enabled ?? s.reminders.j1.enabled) ? 1 : 0,
				reminder_j7_text: patch.reminders?.j7?.text ?? s.reminders.j7.text,
				reminder_j1_text: patch.reminders?.j1?.text ?? s.reminders.j1.text,
				updated_at: nowIso
			},
			versions
		);
		if (!written) throw new StaleVersionError(stored, version !== undefined);
		const promotions = await fillAll(tx, loaded, capacity, waitlist, nowIso);
		await notifyPromotions(tx, loaded, promotions, publicUrl, nowIso);
		return countConfirmedRegistrations(tx, loaded.event.id);
	});
	forgetRegistrationEvents(db);
	const after = await loadRegistrationEvent(db, { id: loaded.event.id });
	const cap = after.settings.capacity;
	return { settings: after.settings, warning: cap !== null && confirmed > cap ? { confirmed } : null };
}

/** The three registration fields of the event as `GET/PATCH /api/v1/events/{slug}` show them. */
export async function getEventRegistrationFields(db: DbOrTx, eventId: string) {
	const row = await findSettings(db, eventId);
	return {
		capacity: row?.capacity == null ? null : Number(row.capacity),
		registrationOpensAt: row?.opens_at ? toParisIso(toIso(row.opens_at)) : null,
		registrationClosesAt: row?.closes_at ? toParisIso(toIso(row.closes_at)) : null
	};
}

/**
 * The registration part of `PATCH /api/v1/events/{slug}` checked field by field, then the window
 * rule on the valid part merged with the stored settings: a refused opening date says nothing
 * about the closing one, so the rule is skipped when it reads a refused field.
 */
function checkRegistrationPatch(settings: RegistrationSettingsView, input: Record<string, unknown>) {
	const parsed = registrationSettingsSchema.safeParse(input);
	if (parsed.success) return { patch: parsed.data, issues: checkWindowOf(settings, parsed.data) };
	const invalid = new Set(parsed.error.issues.map((i) => String(i.path[0])));
	const rest = registrationSettingsSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([k]) => !invalid.has(k))));
	const readable = rest.success && !invalid.has('registrationOpensAt') && !invalid.has('registrationClosesAt');
	return { patch: {}, issues: [...fieldIssues(parsed.error), ...(readable ? checkWindowOf(settings, rest.data) : [])] };
}

function checkWindowOf(settings: RegistrationSettingsView, patch: RegistrationSettingsInput): FieldIssue[] {
	return checkWindow(
		patch.registrationOpensAt === undefined ? settings.registrationOpensAt : patch.registrationOpensAt,
		patch.registrationClosesAt === undefined ? settings.registrationClosesAt : patch.registrationClosesAt
	);
}

/**
 * `PATCH /api/v1/events/{slug}` with the event's own fields and, besides them, `capacity`,
 * `registrationOpensAt` and `registrationClosesAt`: both parts are validated first and every
 * problem comes back in one ValidationError (the event's fields and rules, then the
 * registration's), or both are applied together; nothing is stored unless everything is valid.
 */
export async function updateEventWithRegistration(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	body: unknown,
	version?: ExpectedVersion
): Promise<EventView & { capacity: number | null; registrationOpensAt: string | null; registrationClosesAt: string | null }> {
	const source = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
	const own: Record<string, unknown> = {};
	const registration: Record<string, unknown> = {};
	if (source)
		for (const [k, v] of Object.entries(source))
			((EVENT_PATCH_REGISTRATION_FIELDS as readonly string[]).includes(k) ? registration : own)[k] = v;
	if (!source || Object.keys(registration).length === 0) {
		const event = await updateEvent(ctx, actor, slug, body, version);
		forgetRegistrationEvents(ctx.db);
		return { ...event, ...(await getEventRegistrationFields(ctx.db, event.id)) };
	}
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const { patch, issues } = checkRegistrationPatch(loaded.settings, registration);
	const result = await withTx(ctx.db, async (tx) => {
		// updateEvent checks the event's part (fields and rules) before it writes anything; the
		// registration's problems join its own, and any problem rolls its write back.
		let event: EventView;
		try {
			event = await updateEvent({ ...ctx, db: tx }, actor, slug, own, version);
		} catch (e) {
			if (e instanceof ValidationError) throw new ValidationError([...e.issues, ...issues]);
			throw e;
		}
		if (issues.length) throw new ValidationError(issues);
		await applySettings(tx, ctx.publicUrl, loaded, patch);
		return { ...event, ...(await getEventRegistrationFields(tx, event.id)) };
	});
	forgetRegistrationEvents(ctx.db);
	return result;
}

/**
 * Whether a session needs a seat and how many (null: the room's capacity). Organisers of its
 * event only; a raised capacity goes to those waiting at once. For the programme's screens and
 * `PATCH` of a session, which own the other fields.
 */
export async function updateSessionRegistration(ctx: RegistrationContext, actor: Actor, sessionId: string, input: unknown) {
	const session = await findSessionEvent(ctx.db, sessionId);
	if (!session) throw new NotFoundError('session');
	await assertEventPermission(ctx.db, session.event_id, actor, 'edit');
	const patch = parseRegistrationInput(sessionRegistrationSchema, input);
	const loaded = await loadRegistrationEvent(ctx.db, { id: session.event_id });
	await inQuotaTransaction(ctx.db, async (tx) => {
		await lockEvent(tx, loaded.event.id, { exclusive: true });
		await lockAndReadSessions(tx, [sessionId]);
		const set: { capacity?: number | null; requires_registration?: number } = {};
		if (patch.capacity !== undefined) set.capacity = patch.capacity;
		if (patch.requiresRegistration !== undefined) set.requires_registration = patch.requiresRegistration ? 1 : 0;
		if (Object.keys(set).length) await updateSessionRegistrationColumns(tx, sessionId, set);
		const [row] = await lockAndReadSessions(tx, [sessionId]);
		const nowIso = new Date().toISOString();
		await notifyPromotions(tx, loaded, await fillSession(tx, sessionQuota(row)), ctx.publicUrl, nowIso);
	});
	forgetRegistrationEvents(ctx.db);
	const after = await loadRegistrationEvent(ctx.db, { id: session.event_id });
	const s = after.sessions.find((x) => x.id === sessionId)!;
	return { id: s.id, capacity: s.ownCapacity, effectiveCapacity: s.capacity, requiresRegistration: s.requiresRegistration };
}

/**
 * Gives a session's free seats to the first people waiting, now. For the programme's session
 * update, after it changed `capacity` or `requires_registration` itself (otherwise the seats go
 * to those waiting at the next registration for that session, which heals it first).
 */
export async function refillSession(ctx: RegistrationContext, actor: Actor, sessionId: string): Promise<number> {
	return updateSessionRegistration(ctx, actor, sessionId, {}).then(async () => {
		return (await countSeats(ctx.db, [sessionId])).get(sessionId)!.confirmed;
	});
}

/**
 * Several sessions at once, from the settings page's table; every problem is reported by row. Each
 * row may name the session's version as loaded: a row whose seats differ from the stored ones is
 * written only at that version (else StaleVersionError and nothing written, all rows together); a
 * row equal to what is stored is left alone, whatever its version (a move of the session elsewhere
 * does not make the table stale).
 */
export async function updateSessionsRegistration(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	rows: { sessionId: string; capacity: unknown; requiresRegistration: boolean; version?: number }[]
) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const issues: FieldIssue[] = [];
	const parsed = rows.map((r) => {
		const res = sessionRegistrationSchema.safeParse({
			capacity: r.capacity === '' || r.capacity === null ? null : r.capacity,
			requiresRegistration: r.requiresRegistration
		});
		if (!res.success) issues.push(...fieldIssues(res.error).map((i) => ({ ...i, field: `session-${r.sessionId}-${i.field}` })));
		return { id: r.sessionId, data: res.success ? res.data : null };
	});
	if (issues.length) throw new ValidationError(issues);
	const known = new Set(loaded.sessions.map((s) => s.id));
	for (const r of parsed) if (!known.has(r.id)) throw new NotFoundError('session');
	const expected = new Map(rows.map((r) => [r.sessionId, r.version]));
	await inQuotaTransaction(ctx.db, async (tx) => {
		await lockEvent(tx, loaded.event.id, { exclusive: true });
		const stored = new Map(
			(
				await lockAndReadSessions(
					tx,
					[...known].filter((id) => expected.has(id))
				)
			).map((r) => [r.id, r])
		);
		const nowIso = new Date().toISOString();
		for (const r of parsed) {
			const row = stored.get(r.id)!;
			const set = { capacity: r.data!.capacity ?? null, requires_registration: r.data!.requiresRegistration ? 1 : 0 };
			const own = row.capacity === null ? null : Number(row.capacity);
			if (set.capacity === own && set.requires_registration === Number(row.requires_registration)) continue;
			const versions = versionsToWrite(expected.get(r.id), Number(row.version));
			if (!(await updateSessionRegistrationColumns(tx, r.id, set, versions))) throw new StaleVersionError(null, false);
			const [after] = await lockAndReadSessions(tx, [r.id]);
			await notifyPromotions(tx, loaded, await fillSession(tx, sessionQuota(after)), ctx.publicUrl, nowIso);
		}
	});
	forgetRegistrationEvents(ctx.db);
}

// ---------------------------------------------------------------------------------------------
// Organisers' own questions

export type QuestionInput = z.output<typeof questionSchema>;

/** Adds a question at the end of the form. */
export async function addQuestion(ctx: RegistrationContext, actor: Actor, slug: string, input: unknown): Promise<string> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const q = parseRegistrationInput(questionSchema, input);
	const id = crypto.randomUUID();
	const position = loaded.questions.reduce((m, x) => Math.max(m, x.position), 0) + 1;
	await insertQuestionRow(ctx.db, {
		id,
		event_id: loaded.event.id,
		position,
		...questionColumns(q),
		created_at: new Date().toISOString()
	});
	forgetRegistrationEvents(ctx.db);
	return id;
}

/** A question's columns from its input: options only for the kinds that have some. */
function questionColumns(q: QuestionInput) {
	return {
		label: q.label,
		kind: q.kind,
		options: JSON.stringify(q.kind === 'single' || q.kind === 'multiple' ? q.options : []),
		required: q.required ? 1 : 0
	};
}

/**
 * Changes one question (its wording, kind, choices, whether it is required), never the others:
 * each line of the list is saved on its own. With `version` (its line's hidden field):
 * StaleVersionError and nothing written when it changed since. Answers already given stay.
 */
export async function updateQuestion(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	questionId: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<void> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	await withTx(ctx.db, async (tx) => {
		const row = await findQuestionRow(tx, loaded.event.id, questionId);
		if (!row) throw new NotFoundError('question');
		const versions = versionsToWrite(version, Number(row.version));
		const q = parseRegistrationInput(questionSchema, input);
		if (!(await updateQuestionAtVersion(tx, questionId, questionColumns(q), versions))) {
			const now = await findQuestionRow(tx, loaded.event.id, questionId);
			throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
		}
	});
	forgetRegistrationEvents(ctx.db);
}

/** Removes a question and every answer to it. */
export async function removeQuestion(ctx: RegistrationContext, actor: Actor, slug: string, questionId: string): Promise<void> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	if ((await deleteQuestionRow(ctx.db, loaded.event.id, questionId)) === 0) throw new NotFoundError('question');
	forgetRegistrationEvents(ctx.db);
}

/** Moves a question one place up or down. */
export async function moveQuestion(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	questionId: string,
	direction: 'up' | 'down'
): Promise<void> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const rows = await listQuestionRows(ctx.db, loaded.event.id);
	const i = rows.findIndex((r) => r.id === questionId);
	if (i < 0) throw new NotFoundError('question');
	const j = direction === 'up' ? i - 1 : i + 1;
	if (j < 0 || j >= rows.length) return;
	await withTx(ctx.db, async (tx) => {
		const order = rows.map((r) => r.id);
		[order[i], order[j]] = [order[j], order[i]];
		for (const [k, id] of order.entries()) await updateQuestionRow(tx, id, { position: k + 1 });
	});
	forgetRegistrationEvents(ctx.db);
}

/**
 * Registration: a person registers (online, added by an organiser, imported, or on site), gets a
 * confirmed place or a waiting-list place, chooses workshops, and manages it all through a private
 * link: change workshops, cancel, download their data, erase it. Capacity rules and locks are in
 * registration-quota.ts; every e-mail is queued in the transaction of the change it announces.
 */
import { createHash } from 'node:crypto';
import { secureRandomBytes } from '../random.ts';
import { newRowId } from '../db/row-id.ts';
import type { DbOrTx, Tx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { assertEventPermission, getEventRole, roleAllows, type Actor } from '../auth/permissions.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../validation.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { anonymousMailNotBefore } from '../mail/anonymous-mail.ts';
import { findCommune } from '../territory/territory.ts';
import { LANGS, translator, type Lang } from '../../i18n/index.ts';
import { audienceText } from '../../ui/registration-audience.ts';
import { insertCheckin } from '../checkin/checkin.queries.ts';
import { isHalfDayKey } from './half-days.ts';
import {
	fillEvent,
	fillSession,
	inQuotaTransaction,
	inQuotaBatch,
	lockEventOnce,
	lockSessionsOnce,
	countQuotasOnce,
	recordCounted,
	deferUntilCommit,
	ChangeRefused,
	mergePromotions,
	seatFor,
	type EventQuota,
	type Promotion
} from './registration-quota.ts';
import { emitWebhook } from '../webhooks/webhook.service.ts';
import { checkinUrl, newLinkMail, promotionMail } from './registration-mail.ts';
import { qrPng } from './qr.ts';
import { sessionQuota } from './registration-seats.ts';
import { registrationSummary } from './registration-window.ts';
import { confirmationToRender, mailPerson } from './registration-confirmation.ts';
import {
	loadRegistrationEvent,
	loadRegistrationEventCached,
	mailEventInfo,
	mailProgramme,
	overlaps,
	registrationWindow,
	sessionSlots,
	type LoadedEvent,
	type SessionInfo
} from './registration-event.ts';
import {
	countQuotas,
	countSeats,
	deleteCancelledRegistration,
	deleteSeatRows,
	findRegistrationByEmail,
	findRegistrationByEmailShared,
	findRegistrationById,
	findRegistrationByTokenHash,
	insertAnswerRows,
	insertExtraToken,
	insertRegistrationBundles,
	type RegistrationBundle,
	listSeatsByRegistration,
	updateRegistrationRow,
	type RegistrationRow
} from './registration.queries.ts';
import { lockAndReadSessions } from './registration-event.queries.ts';
import {
	fieldIssues,
	registrationInputSchema,
	walkInInputSchema,
	type ParticipantRole,
	type RegistrationInput,
	type RegistrationSource,
	type SeatStatus
} from './registration.schema.ts';

export interface RegistrationContext {
	db: DbOrTx;
	/** Absolute base URL of the public site, for the links in e-mails. */
	publicUrl: string;
}

export interface RegistrationResult {
	id: string;
	status: 'confirmed' | 'waitlisted';
	sessions: { id: string; status: SeatStatus }[];
	/** The private link's token: only when this call created the registration. */
	manageToken: string | null;
	/** False when the person was already registered (nothing changed). */
	created: boolean;
	/** Set on a repeat registration when a fresh private link was e-mailed. */
	linkResent?: boolean;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LINK_RESEND_INTERVAL_MS = 10 * 60_000;

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** A private link's token (`mrg_` and 32 characters); only its hash is stored. */
export function newManageToken(): string {
	return `mrg_${secureRandomBytes(24).toString('base64url')}`;
}

/** 10 characters of Crockford's base32 (no I, L, O, U): easy to read aloud at a desk. */
function newCheckinCode(): string {
	const bytes = secureRandomBytes(10);
	let out = '';
	for (const b of bytes) out += CODE_ALPHABET[b & 31];
	return out;
}

/** A private link's token is only ever accepted in this shape (cheap refusal of anything else). */
export function looksLikeManageToken(token: string): boolean {
	return /^mrg_[A-Za-z0-9_-]{32}$/.test(token);
}

function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: string; message?: string };
	return (
		err?.code === '23505' ||
		(typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT') && /UNIQUE/i.test(err.message ?? ''))
	);
}

// ---------------------------------------------------------------------------------------------
// Validation against the event

/**
 * Who a session is reserved to, in each language (`{ fr: 'coordinateur·rices', en: 'coordinators' }`):
 * an error's message is put in the reader's language after the service has answered, and each
 * language's message picks its own (`{{audience.fr}}`).
 */
function audienceInEveryLanguage(audience: readonly string[]): Record<Lang, string> {
	return Object.fromEntries(LANGS.map((lang) => [lang, audienceText(audience, translator(lang), lang)])) as Record<Lang, string>;
}

/**
 * Chosen workshops: sessions of this event that need a seat, open to the person's role, never two
 * at the same time. Every way in (the public form and API, an organiser's manual add or import,
 * a walk-in, a change of workshops) goes through here.
 *
 * A session reserved to some roles (its `audience`) refuses every other role, whoever registers
 * the person: organisers get the same refusal as the public. If the role given was wrong, they
 * correct it in what they submit (form, file, walk-in); an override would leave a registration
 * that contradicts the programme, in the counts and on the welcome desk's lists. Seats the person already `holds` (a change of
 * workshops) are not refused: a restriction set after they registered evicts no one.
 */
export function checkSessionChoice(
	loaded: LoadedEvent,
	sessionIds: string[],
	person: { role: string; holds?: ReadonlySet<string> }
): FieldIssue[] {
	const issues: FieldIssue[] = [];
	const byId = new Map(loaded.sessions.map((s) => [s.id, s]));
	const chosen: SessionInfo[] = [];
	for (const id of sessionIds) {
		const s = byId.get(id);
		if (!s) issues.push({ field: 'sessionIds', message: 'registration.errors.unknownSession' });
		else if (!s.requiresRegistration)
			issues.push({ field: 'sessionIds', message: 'registration.errors.sessionNotBookable', params: { title: s.title } });
		else if (s.audience.length > 0 && !s.audience.includes(person.role as ParticipantRole) && !person.holds?.has(s.id))
			issues.push({
				field: 'sessionIds',
				message: 'registration.errors.sessionReserved',
				params: { title: s.title, audience: audienceInEveryLanguage(s.audience) }
			});
		else chosen.push(s);
	}
	for (let i = 0; i < chosen.length; i++)
		for (let j = i + 1; j < chosen.length; j++)
			if (overlaps(chosen[i], chosen[j]))
				issues.push({
					field: 'sessionIds',
					message: 'registration.errors.sessionOverlap',
					params: { a: chosen[i].title, b: chosen[j].title }
				});
	return issues;
}

/** The rules that need the event: sessions, overlaps, half-days, questions, territory, consent. */
export function checkAgainstEvent(
	loaded: LoadedEvent,
	data: RegistrationInput,
	source: RegistrationSource,
	consentTerms: unknown
): FieldIssue[] {
	const issues: FieldIssue[] = [];
	if (source === 'online' && consentTerms !== true) issues.push({ field: 'consents.terms', message: 'registration.errors.termsRequired' });
	if (source !== 'walk-in' && !data.inseeCode && !data.departement)
		issues.push({ field: 'departement', message: 'registration.errors.territoryRequired' });
	issues.push(...checkSessionChoice(loaded, data.sessionIds, { role: data.role }));
	const keys = new Set(loaded.halfDays.map((h) => h.key));
	if (data.halfDays) {
		if (data.halfDays.some((k) => !isHalfDayKey(k) || !keys.has(k)))
			issues.push({ field: 'halfDays', message: 'registration.errors.halfDayUnknown' });
		else if (data.halfDays.length === 0 && keys.size > 0)
			issues.push({ field: 'halfDays', message: 'registration.errors.halfDaysRequired' });
	}
	const questions = new Map(loaded.questions.map((q) => [q.id, q]));
	for (const id of Object.keys(data.answers))
		if (!questions.has(id)) issues.push({ field: `answers.${id}`, message: 'registration.errors.questionUnknown' });
	for (const q of loaded.questions) {
		const v = data.answers[q.id];
		const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
		const field = `answers.${q.id}`;
		if (empty) {
			if (q.required && source !== 'walk-in') issues.push({ field, message: 'errors.required' });
			continue;
		}
		if (q.kind === 'yesno') {
			if (typeof v !== 'boolean') issues.push({ field, message: 'errors.invalidChoice' });
		} else if (q.kind === 'text') {
			if (typeof v !== 'string') issues.push({ field, message: 'errors.invalidType' });
			else if (v.length > 1000) issues.push({ field, message: 'errors.tooLong', params: { max: 1000 } });
			else if (/<\s*[a-z!/?]|javascript:/i.test(v)) issues.push({ field, message: 'registration.errors.markup' });
		} else if (q.kind === 'single') {
			if (typeof v !== 'string' || !q.options.includes(v)) issues.push({ field, message: 'errors.invalidChoice' });
		} else if (!Array.isArray(v) || v.some((x) => !q.options.includes(x))) issues.push({ field, message: 'errors.invalidChoice' });
	}
	return issues;
}

/** Parses and checks a registration; throws one ValidationError listing every problem. */
export function validateRegistration(loaded: LoadedEvent, input: unknown, source: RegistrationSource): RegistrationInput {
	const schema = source === 'walk-in' ? walkInInputSchema : registrationInputSchema;
	const parsed = schema.safeParse(input);
	const terms = (input as { consents?: { terms?: unknown } } | null)?.consents?.terms;
	if (!parsed.success) {
		const issues = fieldIssues(parsed.error);
		if (source === 'online' && terms !== true && !issues.some((i) => i.field === 'consents.terms'))
			issues.push({ field: 'consents.terms', message: 'registration.errors.termsRequired' });
		// The territory too, so that a missing département is told on the first submit, not the second.
		const raw = (input ?? {}) as { inseeCode?: unknown; departement?: unknown };
		if (
			source !== 'walk-in' &&
			!raw.inseeCode &&
			!raw.departement &&
			!issues.some((i) => i.field === 'departement' || i.field === 'inseeCode')
		)
			issues.push({ field: 'departement', message: 'registration.errors.territoryRequired' });
		throw new ValidationError(issues);
	}
	const issues = checkAgainstEvent(loaded, parsed.data, source, terms);
	if (issues.length) throw new ValidationError(issues);
	return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Views

export { sessionQuota } from './registration-seats.ts';

/** Queues the "a place is yours" e-mails, each with a fresh private link, in the caller's transaction. */
export async function notifyPromotions(
	tx: Tx,
	loaded: LoadedEvent,
	promotions: Promotion[],
	publicUrl: string,
	nowIso: string
): Promise<void> {
	const merged = mergePromotions(promotions);
	if (merged.length === 0) return;
	const seatsBy = await listSeatsByRegistration(
		tx,
		merged.map((p) => p.registrationId)
	);
	const titles = new Map(loaded.sessions.map((s) => [s.id, s.title]));
	for (const p of merged) {
		const row = await findRegistrationById(tx, p.registrationId);
		if (row)
			await emitWebhook(tx, loaded.event.id, 'registration.promoted', {
				event: { id: loaded.event.id, slug: loaded.event.slug },
				registration: { id: row.id },
				sessionId: p.event ? null : (p.sessions[0] ?? null)
			});
		const person = row && mailPerson(row);
		if (!row || !person) continue;
		const token = newManageToken();
		await insertExtraToken(tx, row.id, hashToken(token), nowIso);
		const what = [...(p.event ? [loaded.event.title] : []), ...p.sessions.map((id) => titles.get(id) ?? id)];
		await enqueueMail(
			tx,
			promotionMail(
				mailEventInfo(loaded.event),
				{ ...person, status: 'confirmed' },
				mailProgramme(loaded, seatsBy.get(row.id) ?? [], { halfDays: JSON.parse(row.half_days) as string[], role: row.role }),
				what,
				{ publicUrl, manageToken: token, checkinCode: row.checkin_code },
				p.event ? qrPng(checkinUrl(publicUrl, row.checkin_code)) : undefined
			)
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Registering

export interface RegisterOptions {
	source?: RegistrationSource;
	now?: Date;
	/** Queue the confirmation e-mail (default: yes, when there is an address). */
	sendConfirmation?: boolean;
	lang?: Lang;
	/** Walk-ins: check the person in for this half-day in the same transaction. */
	checkInHalfDay?: string;
}

/**
 * Registers a person for the event named by `slug`, from unvalidated input.
 * - `online` (the public form and API): anyone, while registration is open; ConflictError when it
 *   is closed, not yet open, or the event is full without a waiting list.
 * - `organiser`, `import`, `walk-in`: an organiser of the event (permission `edit`), at any time.
 * Registering again with the same e-mail changes nothing and returns the same registration
 * (`created: false`, no token) and, at most every 10 minutes, e-mails a fresh private link.
 * Side effects in one transaction: the registration, its seats and answers, the confirmation
 * e-mail, and the e-mails of anyone a heal promoted.
 */
interface RegisterOutcome {
	status: 'confirmed' | 'waitlisted';
	seats: { session_id: string; status: SeatStatus }[];
}

export async function registerParticipant(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	input: unknown,
	options: RegisterOptions = {}
): Promise<RegistrationResult> {
	const source = options.source ?? 'online';
	const now = options.now ?? new Date();
	const loaded = await loadRegistrationEventCached(ctx.db, slug);
	if (source === 'online') {
		if (loaded.event.status === 'draft') {
			const role = await getEventRole(ctx.db, loaded.event.id, actor);
			if (!roleAllows(role, 'view')) throw new NotFoundError('event');
		}
	} else await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');

	const data = validateRegistration(loaded, input, source);

	if (source === 'online') {
		const state = registrationWindow(loaded, now);
		if (state === 'not-yet')
			throw new ConflictError([
				{ field: '_', message: 'registration.errors.notYetOpen', params: { date: loaded.settings.registrationOpensAt } }
			]);
		if (state !== 'open') throw new ConflictError([{ field: '_', message: 'registration.errors.closed' }]);
	}

	const email = data.email ?? null;
	let cancelledId: string | null = null;
	if (email) {
		const existing = await findRegistrationByEmailShared(ctx.db, loaded.event.id, email);
		if (existing && existing.status !== 'cancelled') return replay(ctx, loaded, existing, source, now);
		cancelledId = existing?.id ?? null;
	}

	// Everything that costs CPU is prepared before the locks are taken.
	const id = newRowId();
	const token = newManageToken();
	const code = newCheckinCode();
	const send = (options.sendConfirmation ?? true) && email !== null;
	const byId = new Map(loaded.sessions.map((s) => [s.id, s]));
	const halfDays = new Set(data.halfDays ?? loaded.halfDays.map((h) => h.key));
	for (const sid of data.sessionIds) halfDays.add(byId.get(sid)!.halfDay);
	const commune = data.inseeCode ? findCommune(data.inseeCode) : null;
	const lang: Lang = data.lang ?? options.lang ?? 'fr';

	try {
		// Batched with the other registrations of the event waiting at the same moment (see
		// inQuotaBatch) when the event's capacity makes its lock exclusive: every transaction of the
		// event then waits for it first, so the batch's session locks, taken as its registrations
		// come, can never wait in a circle with another transaction's.
		const register = async (tx: Tx, attempt: number): Promise<RegisterOutcome> => {
			// A capacity may have appeared since `loaded` was read: a retry counts it, exclusively.
			const quota = await lockEventOnce(tx, loaded.event.id, { exclusive: loaded.settings.capacity !== null || attempt > 1 });
			const sessions = (await lockSessionsOnce(tx, data.sessionIds, lockAndReadSessions, loaded.bookableSessionIds)).map(sessionQuota);
			// Taken under the locks: the order of the waiting lists is the order of the locks.
			const nowIso = new Date(Math.max(Date.now(), now.getTime())).toISOString();
			const { eventConfirmed, seats: counts } = await countQuotasOnce(
				tx,
				quota.capacity !== null ? loaded.event.id : null,
				sessions.map((s) => s.id),
				countQuotas,
				loaded.bookableSessionIds
			);
			let status: 'confirmed' | 'waitlisted' = 'confirmed';
			if (quota.capacity !== null && eventConfirmed >= quota.capacity) {
				if (!quota.waitlistEnabled) throw new ChangeRefused(new ConflictError([{ field: '_', message: 'registration.errors.full' }]));
				status = 'waitlisted';
			}
			// Only now that the person will be registered: their earlier, cancelled registration goes.
			if (cancelledId) await deleteCancelledRegistration(tx, cancelledId);
			const promotions: Promotion[] = [];
			const seats: { session_id: string; status: SeatStatus }[] = [];
			for (const s of sessions) {
				const r = await seatFor(tx, s, status === 'confirmed', counts.get(s.id)!);
				seats.push({ session_id: s.id, status: r.status });
				promotions.push(...r.promotions);
			}
			const row = {
				id,
				event_id: loaded.event.id,
				status,
				email,
				first_name: data.firstName,
				last_name: data.lastName,
				structure_name: data.structure.name,
				structure_type: data.structure.type,
				role: data.role,
				insee_code: commune?.inseeCode ?? null,
				commune: commune?.name ?? null,
				departement: commune?.departement ?? data.departement ?? null,
				half_days: JSON.stringify([...halfDays].sort()),
				accessibility: JSON.stringify(data.accessibility.needs),
				accessibility_details: data.accessibility.details,
				meal: data.meal ? 1 : 0,
				diets: JSON.stringify(data.diets),
				diet_details: data.dietDetails,
				consent_terms_at: source === 'online' ? nowIso : null,
				consent_newsletter: data.consents.newsletter ? 1 : 0,
				consent_photos: data.consents.photos ? 1 : 0,
				consent_sensitive: data.consents.sensitive ? 1 : 0,
				lang,
				manage_token_hash: hashToken(token),
				checkin_code: code,
				source,
				created_at: nowIso,
				updated_at: nowIso,
				waitlisted_at: status === 'waitlisted' ? nowIso : null,
				cancelled_at: null,
				link_resent_at: null
			};
			const answers = Object.entries(data.answers)
				.filter(([, v]) => !(v === '' || (Array.isArray(v) && v.length === 0)))
				.map(([question_id, v]) => ({ registration_id: id, question_id, value: JSON.stringify(v) }));
			const person = send ? mailPerson(row) : null;
			const bundle: RegistrationBundle = {
				row,
				seats: seats.map((s) => ({ registration_id: id, session_id: s.session_id, status: s.status, requested_at: nowIso })),
				// Written by the outbox's renderer after the commit (registration-confirmation.ts).
				mail: person ? confirmationToRender(loaded.event, person, token) : null
			};
			// Written with the rest of the batch just before the commit, unless rows written below
			// refer to it (answers, a check-in).
			const refersToIt = answers.length > 0 || !!options.checkInHalfDay;
			if (refersToIt || !deferUntilCommit(tx, insertRegistrationBundles, bundle)) await insertRegistrationBundles(tx, [bundle]);
			recordCounted(tx, { status, seats, promotions });
			await insertAnswerRows(tx, answers);
			if (options.checkInHalfDay)
				await insertCheckin(tx, {
					registration_id: id,
					half_day: options.checkInHalfDay,
					event_id: loaded.event.id,
					checked_in_at: nowIso,
					checked_in_by: actor?.id ?? null,
					method: 'walk-in'
				});
			const eventRef = { id: loaded.event.id, slug: loaded.event.slug };
			await emitWebhook(tx, loaded.event.id, 'registration.created', { event: eventRef, registration: { id, status } });
			if (options.checkInHalfDay)
				await emitWebhook(tx, loaded.event.id, 'checkin.created', {
					event: eventRef,
					registration: { id },
					halfDay: options.checkInHalfDay
				});
			await notifyPromotions(tx, loaded, promotions, ctx.publicUrl, nowIso);
			return { status, seats };
		};
		const outcome =
			loaded.settings.capacity !== null
				? await inQuotaBatch(ctx.db, loaded.event.id, register)
				: await inQuotaTransaction(ctx.db, register);
		return {
			id,
			status: outcome.status,
			sessions: outcome.seats.map((s) => ({ id: s.session_id, status: s.status })),
			manageToken: token,
			created: true
		};
	} catch (e) {
		// The same person twice at the same instant: the second insert met the first's row.
		if (email && isUniqueViolation(e)) {
			const existing = await findRegistrationByEmail(ctx.db, loaded.event.id, email);
			if (existing) return replay(ctx, loaded, existing, source, now);
		}
		throw e;
	}
}

/** The answer to a repeat registration: the stored one, and a fresh link by e-mail (throttled). */
async function replay(
	ctx: RegistrationContext,
	loaded: LoadedEvent,
	row: RegistrationRow,
	source: RegistrationSource,
	now: Date
): Promise<RegistrationResult> {
	const seats = (await listSeatsByRegistration(ctx.db, [row.id])).get(row.id) ?? [];
	let linkResent = false;
	const last = row.link_resent_at ? new Date(toIso(row.link_resent_at)).getTime() : 0;
	const person = mailPerson(row);
	if (source === 'online' && person && now.getTime() - last > LINK_RESEND_INTERVAL_MS) {
		const token = newManageToken();
		await inQuotaTransaction(ctx.db, async (tx) => {
			await insertExtraToken(tx, row.id, hashToken(token), now.toISOString());
			await updateRegistrationRow(tx, row.id, { link_resent_at: now.toISOString() });
			await enqueueMail(tx, {
				...newLinkMail(mailEventInfo(loaded.event), person, {
					publicUrl: ctx.publicUrl,
					manageToken: token,
					checkinCode: row.checkin_code
				}),
				// Anyone may type anyone's address again: such e-mails wait behind the global cap.
				notBefore: await anonymousMailNotBefore(tx, now)
			});
		});
		linkResent = true;
	}
	return {
		id: row.id,
		status: row.status === 'waitlisted' ? 'waitlisted' : 'confirmed',
		sessions: seats.map((s) => ({ id: s.session_id, status: s.status as SeatStatus })),
		manageToken: null,
		created: false,
		linkResent
	};
}

// ---------------------------------------------------------------------------------------------
// Releasing places: cancellation and erasure

/**
 * Cancels a locked registration and gives what it frees to those waiting: the event's place (if
 * it had one), then each workshop seat. Runs inside a quota transaction holding the event's
 * exclusive lock. Returns the promotions to announce.
 */
export async function releaseInTx(
	tx: Tx,
	loaded: LoadedEvent,
	quota: EventQuota,
	row: RegistrationRow,
	nowIso: string
): Promise<Promotion[]> {
	const seats = (await listSeatsByRegistration(tx, [row.id])).get(row.id) ?? [];
	await lockAndReadSessions(
		tx,
		seats.map((s) => s.session_id)
	);
	await updateRegistrationRow(tx, row.id, { status: 'cancelled', cancelled_at: nowIso, updated_at: nowIso, waitlisted_at: null });
	await deleteSeatRows(tx, row.id);
	const promotions: Promotion[] = [];
	let toFill = seats.filter((s) => s.status === 'confirmed').map((s) => s.session_id);
	if (row.status === 'confirmed' && quota.capacity !== null) {
		const promoted = await fillEvent(tx, loaded.event.id, quota, nowIso);
		promotions.push(...promoted);
		if (promoted.length) {
			const theirSeats = await listSeatsByRegistration(
				tx,
				promoted.map((p) => p.registrationId)
			);
			toFill = [...new Set([...toFill, ...[...theirSeats.values()].flat().map((s) => s.session_id)])];
		}
	}
	for (const s of (await lockAndReadSessions(tx, toFill)).map(sessionQuota)) promotions.push(...(await fillSession(tx, s)));
	return promotions;
}

/** The registration a private link's token opens, or null (for a 401 rather than a 404). */
export async function findRegistrationIdByToken(ctx: RegistrationContext, token: string): Promise<string | null> {
	if (!looksLikeManageToken(token)) return null;
	return (await findRegistrationByTokenHash(ctx.db, hashToken(token)))?.id ?? null;
}

/** Validates a registration for the event without storing anything (forms: show every problem at once). */
export async function checkRegistration(
	ctx: RegistrationContext,
	slug: string,
	input: unknown,
	source: RegistrationSource = 'online'
): Promise<void> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	validateRegistration(loaded, input, source);
}

/**
 * What the public registration page needs: the event, whether registration is open (and why
 * not), places left, the half-days, the workshops by time slot with their seats left, and the
 * organisers' questions. Drafts only for their team (NotFoundError otherwise).
 */
export async function getRegistrationForm(ctx: RegistrationContext, viewer: Actor, slug: string, now: Date = new Date()) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	if (loaded.event.status === 'draft' && !roleAllows(await getEventRole(ctx.db, loaded.event.id, viewer), 'view'))
		throw new NotFoundError('event');
	const counts = await countSeats(ctx.db, loaded.bookableSessionIds);
	return {
		event: loaded.event,
		...(await registrationSummary(ctx.db, loaded, now)),
		halfDays: loaded.halfDays,
		slots: sessionSlots(loaded.sessions).map((slot) => ({
			...slot,
			sessions: slot.sessions.map((s) => ({
				...s,
				seatsLeft: s.capacity === null ? null : Math.max(0, s.capacity - counts.get(s.id)!.confirmed)
			}))
		})),
		questions: loaded.questions
	};
}

/** The event page's call to action: whether people may register now, until when, the places left. */
export async function getRegistrationSummary(ctx: RegistrationContext, viewer: Actor, slug: string, now: Date = new Date()) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	if (loaded.event.status === 'draft' && !roleAllows(await getEventRole(ctx.db, loaded.event.id, viewer), 'view'))
		throw new NotFoundError('event');
	return registrationSummary(ctx.db, loaded, now);
}

/** The organisers' questions of an event, to read a posted form's answers. */
export async function listEventQuestions(ctx: RegistrationContext, slug: string) {
	return (await loadRegistrationEvent(ctx.db, { slug })).questions;
}

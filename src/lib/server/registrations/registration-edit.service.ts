/**
 * Correcting a registration after the fact: organisers edit every field (with the rules of a
 * registration: sessions re-checked against capacity and audience, waiting lists kept in order),
 * and the person changes their half-days, lunch and accessibility needs from their private link.
 * Each change is one transaction under the event's lock, and tells the person what changed by
 * e-mail (queued in the same transaction).
 */
import type { Tx } from '../db/index.ts';
import type { Actor } from '../auth/permissions.ts';
import { ConflictError, ValidationError, type FieldIssue } from '../validation.ts';
import { versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findCommune } from '../territory/territory.ts';
import { inQuotaTransaction, lockEvent } from './registration-quota.ts';
import { applySessionChoice } from './registration-seats.ts';
import { detailsChangedMail } from './registration-mail.ts';
import { mailPerson } from './registration-confirmation.ts';
import { loadRegistrationEvent, mailEventInfo, mailProgramme, type LoadedEvent } from './registration-event.ts';
import { ownNeedsSchema } from './registration-edit.schema.ts';
import { fieldIssues, walkInInputSchema, type RegistrationInput, type SeatStatus } from './registration.schema.ts';
import { checkAgainstEvent, checkSessionChoice, notifyPromotions, type RegistrationContext } from './registration.service.ts';
import { assertInEvent, findForWho } from './registration-manage.service.ts';
import {
	deleteAnswerRows,
	findRegistrationByEmail,
	findRegistrationById,
	insertAnswerRows,
	listAnswersByRegistration,
	listSeatsByRegistration,
	updateRegistrationRow,
	type RegistrationRow
} from './registration.queries.ts';

/** What can change, as the e-mail and the page name it (keys of `registrationEdit.fields`). */
export const EDITABLE_PARTS = [
	'name',
	'email',
	'structure',
	'role',
	'territory',
	'halfDays',
	'sessions',
	'needs',
	'meal',
	'answers',
	'consents'
] as const;
export type EditablePart = (typeof EDITABLE_PARTS)[number];

export interface EditResult {
	id: string;
	/** The parts that changed, in the order of the form; empty when nothing did. */
	changed: EditablePart[];
	sessions: { id: string; status: SeatStatus }[];
}

type RowPatch = Partial<
	Pick<
		RegistrationRow,
		| 'first_name'
		| 'last_name'
		| 'email'
		| 'structure_name'
		| 'structure_type'
		| 'role'
		| 'insee_code'
		| 'commune'
		| 'departement'
		| 'half_days'
		| 'accessibility'
		| 'accessibility_details'
		| 'meal'
		| 'diets'
		| 'diet_details'
		| 'consent_newsletter'
		| 'consent_photos'
		| 'consent_sensitive'
	>
>;

/** Which parts a patch changes against the stored row. */
function changedParts(row: RegistrationRow, patch: RowPatch): EditablePart[] {
	const differs = (...cols: (keyof RowPatch)[]) => cols.some((c) => c in patch && String(patch[c] ?? '') !== String(row[c] ?? ''));
	const parts: EditablePart[] = [];
	if (differs('first_name', 'last_name')) parts.push('name');
	if (differs('email')) parts.push('email');
	if (differs('structure_name', 'structure_type')) parts.push('structure');
	if (differs('role')) parts.push('role');
	if (differs('insee_code', 'departement')) parts.push('territory');
	if (differs('half_days')) parts.push('halfDays');
	if (differs('accessibility', 'accessibility_details', 'diets', 'diet_details')) parts.push('needs');
	if (differs('meal')) parts.push('meal');
	if (differs('consent_newsletter', 'consent_photos', 'consent_sensitive')) parts.push('consents');
	return parts;
}

const json = (v: unknown) => JSON.stringify(v);
const sameAnswers = (a: Record<string, string>, b: Record<string, string>) =>
	Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

interface Edit {
	patch: RowPatch;
	/** The new workshops, or undefined to keep them. */
	sessionIds?: string[];
	/** The new answers by question id (JSON values), or undefined to keep them. */
	answers?: Record<string, string>;
}

/**
 * Applies an edit to a registration under the event's exclusive lock: the row, its seats (kept,
 * given or queued; freed seats to those waiting), its answers, then the e-mail saying what changed
 * and the e-mails of anyone promoted. The half-days always include those of the workshops kept.
 * With `version` (the form's hidden field): StaleVersionError and nothing written when the
 * registration changed since the form was loaded (the lock makes the check and the write one step).
 */
async function applyEdit(
	ctx: RegistrationContext,
	loaded: LoadedEvent,
	registrationId: string,
	edit: Edit,
	options: { manageToken?: string; notify: boolean; version?: ExpectedVersion; actor: Actor }
): Promise<EditResult> {
	const byId = new Map(loaded.sessions.map((s) => [s.id, s]));
	return inQuotaTransaction(ctx.db, async (tx: Tx) => {
		await lockEvent(tx, loaded.event.id, { exclusive: true });
		const row = await findRegistrationById(tx, registrationId);
		if (!row || row.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
		versionsToWrite(options.version, Number(row.version));
		if (edit.patch.email && edit.patch.email.toLowerCase() !== (row.email ?? '').toLowerCase()) {
			const other = await findRegistrationByEmail(tx, loaded.event.id, edit.patch.email);
			if (other && other.id !== row.id) throw new ValidationError([{ field: 'email', message: 'registrationEdit.errors.emailTaken' }]);
		}
		const nowIso = new Date().toISOString();
		const seatsBefore = (await listSeatsByRegistration(tx, [row.id])).get(row.id) ?? [];
		const change = edit.sessionIds
			? await applySessionChoice(tx, row, edit.sessionIds, nowIso)
			: { after: seatsBefore, added: [], removed: [], promotions: [] };
		const halfDays = new Set<string>(
			edit.patch.half_days ? (JSON.parse(edit.patch.half_days) as string[]) : (JSON.parse(row.half_days) as string[])
		);
		for (const s of change.after) {
			const h = byId.get(s.session_id)?.halfDay;
			if (h) halfDays.add(h);
		}
		const patch: RowPatch = { ...edit.patch, half_days: json([...halfDays].sort()) };
		const changed = changedParts(row, patch);
		if (change.added.length || change.removed.length) changed.push('sessions');
		if (edit.answers) {
			const before = Object.fromEntries(
				((await listAnswersByRegistration(tx, [row.id])).get(row.id) ?? []).map((a) => [a.question_id, a.value])
			);
			if (!sameAnswers(before, edit.answers)) {
				changed.push('answers');
				await deleteAnswerRows(tx, row.id);
				await insertAnswerRows(
					tx,
					Object.entries(edit.answers).map(([question_id, value]) => ({ registration_id: row.id, question_id, value }))
				);
			}
		}
		changed.sort((a, b) => EDITABLE_PARTS.indexOf(a) - EDITABLE_PARTS.indexOf(b));
		if (changed.length === 0)
			return { id: row.id, changed, sessions: change.after.map((s) => ({ id: s.session_id, status: s.status as SeatStatus })) };
		await updateRegistrationRow(tx, row.id, { ...patch, updated_at: nowIso });
		const updated = { ...row, ...patch };
		const person = mailPerson(updated);
		// Who changed what (the parts, never the values), with the change itself.
		await recordAudit(tx, {
			actor: options.actor,
			event: { id: loaded.event.id, title: loaded.event.title },
			action: 'registration.edited',
			subject: row.id,
			details: { parts: changed, by: options.actor ? 'organiser' : 'participant', notified: !!person && options.notify }
		});
		if (person && options.notify)
			await enqueueMail(
				tx,
				detailsChangedMail(
					mailEventInfo(loaded.event),
					person,
					changed,
					mailProgramme(loaded, change.after, { halfDays, role: updated.role }),
					{
						publicUrl: ctx.publicUrl,
						manageToken: options.manageToken ?? null,
						checkinCode: row.checkin_code
					}
				)
			);
		await notifyPromotions(tx, loaded, change.promotions, ctx.publicUrl, nowIso);
		return { id: row.id, changed, sessions: change.after.map((s) => ({ id: s.session_id, status: s.status as SeatStatus })) };
	});
}

/** The answers of a registration input as stored (JSON values), empty answers left out. */
function storedAnswers(data: RegistrationInput): Record<string, string> {
	return Object.fromEntries(
		Object.entries(data.answers)
			.filter(([, v]) => !(v === '' || (Array.isArray(v) && v.length === 0)))
			.map(([k, v]) => [k, JSON.stringify(v)])
	);
}

/**
 * An organiser (permission `edit`) corrects a registration: every field of the registration form,
 * checked as at registration (an address used by another registration of the event is refused),
 * workshops re-checked against the seats left and the person's role; a session reserved to other
 * roles that the person already holds is kept. `notify: false` changes silently. Cancelled
 * registrations cannot be edited (ConflictError). With `options.version`: StaleVersionError when
 * the registration changed since the form was loaded. With `options.eventSlug`: a registration of
 * another event is not found.
 */
export async function editRegistration(
	ctx: RegistrationContext,
	actor: Actor,
	registrationId: string,
	input: unknown,
	options: { notify?: boolean; version?: ExpectedVersion; eventSlug?: string } = {}
): Promise<EditResult> {
	const found = await findForWho(ctx, { actor }, registrationId, 'edit');
	const loaded = await loadRegistrationEvent(ctx.db, { id: found.event_id });
	assertInEvent(loaded.event.slug, options.eventSlug);
	if (found.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
	const parsed = walkInInputSchema.safeParse(input);
	const issues: FieldIssue[] = parsed.success ? [] : fieldIssues(parsed.error);
	const raw = (input ?? {}) as { email?: unknown; inseeCode?: unknown; departement?: unknown };
	// Reported with the others on the first submit, whatever else is wrong.
	if (found.email && !(typeof raw.email === 'string' && raw.email.trim()) && !issues.some((i) => i.field === 'email'))
		issues.push({ field: 'email', message: 'errors.required' });
	if (!parsed.success) {
		if (!raw.inseeCode && !raw.departement && !issues.some((i) => i.field === 'departement'))
			issues.push({ field: 'departement', message: 'registration.errors.territoryRequired' });
		throw new ValidationError(issues);
	}
	const data = parsed.data;
	const holds = new Set(((await listSeatsByRegistration(ctx.db, [found.id])).get(found.id) ?? []).map((s) => s.session_id));
	issues.push(
		...checkAgainstEvent(loaded, { ...data, sessionIds: [] }, found.source === 'walk-in' ? 'walk-in' : 'organiser', true),
		...checkSessionChoice(loaded, data.sessionIds, { role: data.role, holds })
	);
	if (issues.length) throw new ValidationError(issues);
	const commune = data.inseeCode ? findCommune(data.inseeCode) : null;
	const patch: RowPatch = {
		first_name: data.firstName,
		last_name: data.lastName,
		email: data.email ?? null,
		structure_name: data.structure.name,
		structure_type: data.structure.type,
		role: data.role,
		insee_code: commune?.inseeCode ?? null,
		commune: commune?.name ?? null,
		departement: commune?.departement ?? data.departement ?? null,
		accessibility: json(data.accessibility.needs),
		accessibility_details: data.accessibility.details,
		meal: data.meal ? 1 : 0,
		diets: json(data.diets),
		diet_details: data.dietDetails,
		consent_newsletter: data.consents.newsletter ? 1 : 0,
		consent_photos: data.consents.photos ? 1 : 0,
		consent_sensitive: data.consents.sensitive ? 1 : 0
	};
	if (data.halfDays) patch.half_days = json([...new Set(data.halfDays)].sort());
	return applyEdit(
		ctx,
		loaded,
		found.id,
		{ patch, sessionIds: data.sessionIds, answers: storedAnswers(data) },
		{ notify: options.notify ?? true, version: options.version, actor }
	);
}

/**
 * The person changes their half-days, lunch, diets and accessibility needs from their private
 * link, until the event starts (ConflictError after). Health details need the express consent,
 * as at registration. The e-mail that follows carries the same private link. With `version`:
 * StaleVersionError when the registration changed since the page was loaded (an organiser's edit).
 */
export async function editOwnNeeds(
	ctx: RegistrationContext,
	token: string,
	input: unknown,
	now: Date = new Date(),
	version?: ExpectedVersion
): Promise<EditResult> {
	const found = await findForWho(ctx, { token }, null, 'edit');
	if (found.status === 'cancelled') throw new ConflictError([{ field: '_', message: 'registration.errors.cancelled' }]);
	const loaded = await loadRegistrationEvent(ctx.db, { id: found.event_id });
	if (now.toISOString() >= loaded.event.startsAt) throw new ConflictError([{ field: '_', message: 'registration.errors.started' }]);
	const parsed = ownNeedsSchema.safeParse(input);
	if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
	const data = parsed.data;
	const keys = new Set(loaded.halfDays.map((h) => h.key));
	if (data.halfDays.some((k) => !keys.has(k)))
		throw new ValidationError([{ field: 'halfDays', message: 'registration.errors.halfDayUnknown' }]);
	if (data.halfDays.length === 0 && keys.size > 0)
		throw new ValidationError([{ field: 'halfDays', message: 'registration.errors.halfDaysRequired' }]);
	return applyEdit(
		ctx,
		loaded,
		found.id,
		{
			patch: {
				half_days: json([...new Set(data.halfDays)].sort()),
				accessibility: json(data.accessibility.needs),
				accessibility_details: data.accessibility.details,
				meal: data.meal ? 1 : 0,
				diets: json(data.diets),
				diet_details: data.dietDetails,
				consent_sensitive: data.consents.sensitive ? 1 : Number(found.consent_sensitive)
			}
		},
		{ manageToken: token, notify: true, version, actor: null }
	);
}

/** What the needs form of the private page shows (NotFoundError for a bad token). */
export async function getOwnNeeds(ctx: RegistrationContext, token: string) {
	const row = await findForWho(ctx, { token }, null, 'view');
	return {
		halfDays: JSON.parse(row.half_days) as string[],
		accessibility: JSON.parse(row.accessibility) as string[],
		accessibilityDetails: row.accessibility_details,
		meal: Number(row.meal) === 1,
		diets: JSON.parse(row.diets) as string[],
		dietDetails: row.diet_details,
		sensitive: Number(row.consent_sensitive) === 1,
		/** The form's hidden field: an organiser's change made meanwhile makes the save stale. */
		version: Number(row.version)
	};
}

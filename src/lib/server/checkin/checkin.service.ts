/**
 * The day itself: the welcome desk finds people by name (or by the QR code of their confirmation
 * or badge), checks them in for the current half-day, counts arrivals, and registers walk-ins.
 * Organisers of the event only (`edit` to check in, `view` to look).
 */
import { parisDay } from '../../time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { NotFoundError, ValidationError } from '../validation.ts';
import { toIso } from '../db/time.ts';
import { currentHalfDay, isHalfDayKey } from '../registrations/half-days.ts';
import { qrPng } from '../registrations/qr.ts';
import { checkinUrl } from '../registrations/registration-mail.ts';
import { loadRegistrationEvent, type LoadedEvent } from '../registrations/registration-event.ts';
import {
	findEventSlugById,
	findRegistrationByCheckinCode,
	findRegistrationById,
	type RegistrationRow
} from '../registrations/registration.queries.ts';
import { searchRegistrationRows } from '../registrations/participant-search.ts';
import { registerParticipant, type RegistrationContext } from '../registrations/registration.service.ts';
import { withTx } from '../tx.ts';
import { emitWebhook } from '../webhooks/webhook.service.ts';
import { countCheckinsByHalfDay, countExpected, deleteCheckin, insertCheckin, listCheckinsByRegistration } from './checkin.queries.ts';

/** The check-in QR code (best mask: printed and scanned from afar). */
export function checkinQrPng(publicUrl: string, code: string): Buffer {
	return qrPng(checkinUrl(publicUrl, code), { fast: false, scale: 8 });
}

/** A code as typed or scanned: upper case, without spaces; the URL of a QR code gives its last part. */
export function normaliseCode(raw: string): string {
	const last = raw.trim().split('/').pop() ?? '';
	return last.replace(/[\s-]/g, '').toUpperCase().slice(0, 20);
}

/** The slug of the event a check-in code belongs to, for its team; NotFoundError otherwise. */
export async function resolveCheckinCode(ctx: RegistrationContext, actor: Actor, code: string): Promise<string> {
	const row = await findRegistrationByCheckinCode(ctx.db, normaliseCode(code));
	if (!row) throw new NotFoundError('registration');
	await assertEventPermission(ctx.db, row.event_id, actor, 'view');
	return (await findEventSlugById(ctx.db, row.event_id))!.slug;
}

function pickHalfDay(loaded: LoadedEvent, wanted: string | null | undefined, now: Date): string {
	if (wanted && isHalfDayKey(wanted) && loaded.halfDays.some((h) => h.key === wanted)) return wanted;
	return currentHalfDay(loaded.halfDays, now)?.key ?? '';
}

export interface DeskPerson {
	id: string;
	firstName: string;
	lastName: string;
	structure: string;
	status: string;
	/** When they arrived for the desk's half-day, or null. */
	arrivedAt: string | null;
	expected: boolean;
}

function deskPerson(row: RegistrationRow, arrivals: { half_day: string; checked_in_at: string | Date }[], halfDay: string): DeskPerson {
	const arrival = arrivals.find((a) => a.half_day === halfDay);
	return {
		id: row.id,
		firstName: row.first_name,
		lastName: row.last_name,
		structure: row.structure_name,
		status: row.status,
		arrivedAt: arrival ? toIso(arrival.checked_in_at) : null,
		expected: (JSON.parse(row.half_days) as string[]).includes(halfDay)
	};
}

/** Arrivals and expected people for a half-day: what the desk shows, and the live counter. */
export async function getArrivalCounts(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	halfDay?: string | null,
	now: Date = new Date()
) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'view');
	const key = pickHalfDay(loaded, halfDay, now);
	const [arrived, expected] = await Promise.all([
		countCheckinsByHalfDay(ctx.db, loaded.event.id),
		countExpected(ctx.db, loaded.event.id, key)
	]);
	return { halfDay: key, arrived: arrived.get(key) ?? 0, expected };
}

/**
 * The welcome desk: the half-day (the current one by default), the counts, and the people found
 * by `q` (name, structure or e-mail) or by a scanned `code`.
 */
export async function getCheckinDesk(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	options: { q?: string | null; code?: string | null; halfDay?: string | null; now?: Date } = {}
) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	const role = await assertEventPermission(ctx.db, loaded.event.id, actor, 'view');
	const now = options.now ?? new Date();
	const halfDay = pickHalfDay(loaded, options.halfDay, now);
	const [arrivedBy, expected] = await Promise.all([
		countCheckinsByHalfDay(ctx.db, loaded.event.id),
		countExpected(ctx.db, loaded.event.id, halfDay)
	]);
	let rows: RegistrationRow[] = [];
	let codeUnknown = false;
	if (options.code) {
		const row = await findRegistrationByCheckinCode(ctx.db, normaliseCode(options.code));
		if (row && row.event_id === loaded.event.id) rows = [row];
		else codeUnknown = true;
	} else if (options.q && options.q.trim().length >= 2) {
		rows = await searchRegistrationRows(ctx.db, loaded.event.id, { q: options.q.trim().slice(0, 100) }, 30);
	}
	const arrivals = await listCheckinsByRegistration(
		ctx.db,
		rows.map((r) => r.id)
	);
	return {
		event: loaded.event,
		role,
		halfDays: loaded.halfDays,
		halfDay,
		arrived: arrivedBy.get(halfDay) ?? 0,
		expected,
		people: rows.map((r) => deskPerson(r, arrivals.get(r.id) ?? [], halfDay)),
		codeUnknown,
		offDay: isOffDay(loaded.halfDays, now)
	};
}

/** Whether `now` (Paris) is none of the event's days: arrivals recorded then are likely mistakes or tests. */
function isOffDay(halfDays: { key: string }[], now: Date): boolean {
	const today = parisDay(now.toISOString());
	return !halfDays.some((h) => h.key.startsWith(`${today}:`));
}

/**
 * Checks a person in for a half-day (idempotent: a second check-in keeps the first time). A
 * cancelled registration cannot be checked in. Returns who, when, and whether they already were.
 */
export async function checkIn(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	registrationId: string,
	halfDay: string,
	method: 'search' | 'qr' = 'search'
) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const row = await findRegistrationById(ctx.db, registrationId);
	if (!row || row.event_id !== loaded.event.id) throw new NotFoundError('registration');
	if (!loaded.halfDays.some((h) => h.key === halfDay))
		throw new ValidationError([{ field: 'halfDay', message: 'registration.errors.halfDayUnknown' }]);
	if (row.status === 'cancelled') throw new ValidationError([{ field: '_', message: 'checkin.errors.cancelled' }]);
	const now = new Date().toISOString();
	const inserted = await withTx(ctx.db, async (tx) => {
		const done = await insertCheckin(tx, {
			registration_id: row.id,
			half_day: halfDay,
			event_id: loaded.event.id,
			checked_in_at: now,
			checked_in_by: actor?.id ?? null,
			method
		});
		if (done)
			await emitWebhook(tx, loaded.event.id, 'checkin.created', {
				event: { id: loaded.event.id, slug: loaded.event.slug },
				registration: { id: row.id },
				halfDay
			});
		return done;
	});
	const arrivals = (await listCheckinsByRegistration(ctx.db, [row.id])).get(row.id) ?? [];
	const at = arrivals.find((a) => a.half_day === halfDay);
	return {
		name: `${row.first_name} ${row.last_name}`,
		at: at ? toIso(at.checked_in_at) : now,
		already: !inserted,
		waitlisted: row.status === 'waitlisted',
		offDay: isOffDay(loaded.halfDays, new Date(now))
	};
}

/** The event's half-days (keys), for checking someone in from their registration page. */
export async function listCheckinHalfDays(ctx: RegistrationContext, actor: Actor, slug: string): Promise<string[]> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'view');
	return loaded.halfDays.map((h) => h.key);
}

/**
 * Removes a check-in made by mistake; true when there was one. A registration of another event (or
 * none) is a NotFoundError, never a quiet success.
 */
export async function undoCheckIn(
	ctx: RegistrationContext,
	actor: Actor,
	slug: string,
	registrationId: string,
	halfDay: string
): Promise<boolean> {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const row = await findRegistrationById(ctx.db, registrationId);
	if (!row || row.event_id !== loaded.event.id) throw new NotFoundError('registration');
	return deleteCheckin(ctx.db, loaded.event.id, registrationId, halfDay);
}

/**
 * Registers someone who turns up without registering and checks them in, in one transaction. The
 * e-mail is optional; when given they get the confirmation (with their private link).
 */
export async function registerWalkIn(ctx: RegistrationContext, actor: Actor, slug: string, input: unknown, halfDay: string) {
	const loaded = await loadRegistrationEvent(ctx.db, { slug });
	await assertEventPermission(ctx.db, loaded.event.id, actor, 'edit');
	const key = pickHalfDay(loaded, halfDay, new Date());
	const given = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
	const halfDays = Array.isArray(given.halfDays) && given.halfDays.length ? given.halfDays : key ? [key] : undefined;
	const res = await registerParticipant(ctx, actor, slug, { ...given, halfDays }, { source: 'walk-in', checkInHalfDay: key || undefined });
	// Already registered (same e-mail): they are simply checked in.
	if (!res.created && key) await checkIn(ctx, actor, slug, res.id, key);
	return res;
}

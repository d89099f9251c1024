/**
 * The person's own page, from the private link's token: what they registered for (with their place
 * on waiting lists), their optional consents, and everything stored about them as JSON (RGPD).
 */
import { toIso } from '../db/time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listCheckinsByRegistration } from '../checkin/checkin.queries.ts';
import { loadRegistrationEvent, sessionSlots } from './registration-event.ts';
import {
	countSeats,
	countWaitersAhead,
	listAnswersByRegistration,
	listSeatsByRegistration,
	updateRegistrationRow
} from './registration.queries.ts';
import { type SeatStatus } from './registration.schema.ts';
import { type RegistrationContext } from './registration.service.ts';
import { findForWho } from './registration-manage.service.ts';

// ---------------------------------------------------------------------------------------------
// The person's own page

export interface OwnSeat {
	sessionId: string;
	title: string;
	startsAt: string;
	endsAt: string;
	room: string | null;
	status: SeatStatus;
	/** 1 = next to get a seat; null when confirmed. */
	position: number | null;
}

/** What the private page shows, from the token in its address; NotFoundError for a bad token. */
export async function getOwnRegistration(ctx: RegistrationContext, token: string, now: Date = new Date()) {
	const row = await findForWho(ctx, { token }, null, 'view');
	const loaded = await loadRegistrationEvent(ctx.db, { id: row.event_id });
	const seats = (await listSeatsByRegistration(ctx.db, [row.id])).get(row.id) ?? [];
	const byId = new Map(loaded.sessions.map((s) => [s.id, s]));
	const own: OwnSeat[] = [];
	for (const seat of seats) {
		const s = byId.get(seat.session_id);
		if (!s) continue;
		let position: number | null = null;
		if (seat.status === 'waitlisted') {
			position = await countWaitersAhead(ctx.db, seat);
		}
		own.push({
			sessionId: s.id,
			title: s.title,
			startsAt: s.startsAt,
			endsAt: s.endsAt,
			room: s.room,
			status: seat.status as SeatStatus,
			position
		});
	}
	own.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
	const counts = await countSeats(ctx.db, loaded.bookableSessionIds);
	return {
		event: loaded.event,
		halfDays: loaded.halfDays,
		slots: sessionSlots(loaded.sessions).map((slot) => ({
			...slot,
			sessions: slot.sessions.map((s) => ({
				...s,
				seatsLeft: s.capacity === null ? null : Math.max(0, s.capacity - counts.get(s.id)!.confirmed)
			}))
		})),
		registration: {
			id: row.id,
			status: row.status as 'confirmed' | 'waitlisted' | 'cancelled',
			firstName: row.first_name,
			lastName: row.last_name,
			email: row.email,
			structureName: row.structure_name,
			structureType: row.structure_type,
			role: row.role,
			commune: row.commune,
			departement: row.departement,
			halfDays: JSON.parse(row.half_days) as string[],
			seats: own,
			newsletter: Number(row.consent_newsletter) === 1,
			photos: Number(row.consent_photos) === 1,
			checkinCode: row.checkin_code
		},
		canChange: row.status !== 'cancelled' && now.toISOString() < loaded.event.startsAt,
		canCancel: row.status !== 'cancelled' && now.toISOString() < loaded.event.endsAt
	};
}

/** The person changes their optional consents (newsletter, photos) from their private page. */
export async function updateOwnConsents(
	ctx: RegistrationContext,
	token: string,
	input: { newsletter: boolean; photos: boolean }
): Promise<void> {
	const row = await findForWho(ctx, { token }, null, 'edit');
	await updateRegistrationRow(ctx.db, row.id, {
		consent_newsletter: input.newsletter ? 1 : 0,
		consent_photos: input.photos ? 1 : 0,
		updated_at: new Date().toISOString()
	});
}

/**
 * Everything stored about the person for this event, as JSON (RGPD right of access and
 * portability); the download is written to the audit log.
 */
export async function exportOwnData(ctx: RegistrationContext, token: string): Promise<Record<string, unknown>> {
	const row = await findForWho(ctx, { token }, null, 'view');
	const loaded = await loadRegistrationEvent(ctx.db, { id: row.event_id });
	const [seats, answers, checkins] = await Promise.all([
		listSeatsByRegistration(ctx.db, [row.id]),
		listAnswersByRegistration(ctx.db, [row.id]),
		listCheckinsByRegistration(ctx.db, [row.id])
	]);
	const titles = new Map(loaded.sessions.map((s) => [s.id, s.title]));
	const questions = new Map(loaded.questions.map((q) => [q.id, q.label]));
	await recordAudit(ctx.db, {
		actor: null,
		event: { id: loaded.event.id, title: loaded.event.title },
		action: 'registration.data-download',
		subject: row.id
	});
	return {
		event: {
			title: loaded.event.title,
			startsAt: loaded.event.startsAt,
			endsAt: loaded.event.endsAt,
			url: `${ctx.publicUrl}/e/${loaded.event.slug}`
		},
		registration: {
			id: row.id,
			status: row.status,
			firstName: row.first_name,
			lastName: row.last_name,
			email: row.email,
			structure: { name: row.structure_name, type: row.structure_type },
			role: row.role,
			commune: row.commune,
			inseeCode: row.insee_code,
			departement: row.departement,
			halfDays: JSON.parse(row.half_days),
			accessibility: { needs: JSON.parse(row.accessibility), details: row.accessibility_details },
			meal: Number(row.meal) === 1,
			diets: JSON.parse(row.diets),
			dietDetails: row.diet_details,
			consents: {
				termsAcceptedAt: toIso(row.consent_terms_at),
				newsletter: Number(row.consent_newsletter) === 1,
				photos: Number(row.consent_photos) === 1,
				sensitiveData: Number(row.consent_sensitive) === 1
			},
			language: row.lang,
			source: row.source,
			createdAt: toIso(row.created_at),
			updatedAt: toIso(row.updated_at),
			cancelledAt: toIso(row.cancelled_at)
		},
		workshops: (seats.get(row.id) ?? []).map((s) => ({
			title: titles.get(s.session_id) ?? s.session_id,
			status: s.status,
			requestedAt: toIso(s.requested_at)
		})),
		answers: (answers.get(row.id) ?? []).map((a) => ({
			question: questions.get(a.question_id) ?? a.question_id,
			answer: JSON.parse(a.value)
		})),
		arrivals: (checkins.get(row.id) ?? []).map((c) => ({ halfDay: c.half_day, at: toIso(c.checked_in_at) })),
		retention: 'Ces données sont supprimées 3 ans après l’événement.'
	};
}

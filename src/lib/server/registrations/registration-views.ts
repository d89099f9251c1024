/**
 * The organisers' view of a registration (`ParticipantView`: the API's and the screens' shape),
 * read with its seats, answers and arrivals in a constant number of queries.
 */
import type { z } from 'zod';
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { listCheckinsByRegistration } from '../checkin/checkin.queries.ts';
import { listAnswersByRegistration, listSeatsByRegistration, type RegistrationRow, type SeatRow } from './registration.queries.ts';
import { participantViewSchema, type SeatStatus } from './registration.schema.ts';

export type ParticipantView = z.output<typeof participantViewSchema>;

export function toParticipantView(
	row: RegistrationRow,
	seats: SeatRow[],
	answers: { question_id: string; value: string }[],
	checkins: { half_day: string; checked_in_at: string | Date }[]
): ParticipantView {
	return {
		id: row.id,
		status: row.status as ParticipantView['status'],
		firstName: row.first_name,
		lastName: row.last_name,
		email: row.email,
		structure: { name: row.structure_name, type: row.structure_type as ParticipantView['structure']['type'] },
		role: row.role as ParticipantView['role'],
		inseeCode: row.insee_code,
		commune: row.commune,
		departement: row.departement,
		halfDays: JSON.parse(row.half_days) as string[],
		sessions: seats.map((s) => ({ id: s.session_id, status: s.status as SeatStatus })),
		accessibility: { needs: JSON.parse(row.accessibility) as string[], details: row.accessibility_details },
		meal: Number(row.meal) === 1,
		diets: JSON.parse(row.diets) as string[],
		dietDetails: row.diet_details,
		consents: {
			terms: row.consent_terms_at !== null,
			newsletter: Number(row.consent_newsletter) === 1,
			photos: Number(row.consent_photos) === 1
		},
		answers: Object.fromEntries(answers.map((a) => [a.question_id, JSON.parse(a.value) as unknown])),
		source: row.source as ParticipantView['source'],
		checkedIn: checkins.map((c) => ({ halfDay: c.half_day, at: toIso(c.checked_in_at) })),
		createdAt: toIso(row.created_at),
		cancelledAt: toIso(row.cancelled_at),
		version: Number(row.version)
	};
}

/** Registrations with their seats, answers and arrivals, in a constant number of queries. */
export async function withDetails(db: DbOrTx, rows: RegistrationRow[]): Promise<ParticipantView[]> {
	const ids = rows.map((r) => r.id);
	const [seats, answers, checkins] = await Promise.all([
		listSeatsByRegistration(db, ids),
		listAnswersByRegistration(db, ids),
		listCheckinsByRegistration(db, ids)
	]);
	return rows.map((r) => toParticipantView(r, seats.get(r.id) ?? [], answers.get(r.id) ?? [], checkins.get(r.id) ?? []));
}

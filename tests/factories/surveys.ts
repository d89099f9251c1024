/** Factories for survey tests: a survey open around mid-June 2027, arrivals and team members as rows. */
import type { DbOrTx } from '#lib/server/db/index.ts';

/** A survey input open from 12 June to 12 July 2027, with one question of each kind. */
export function openSurveyInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		title: 'Votre avis',
		anonymous: true,
		opensAt: '2027-06-12T08:00:00Z',
		closesAt: '2027-07-12T08:00:00Z',
		questions: [
			{ section: 'Dans l’ensemble', label: 'Satisfaction', type: 'scale5', required: true },
			{ label: 'Recommandation', type: 'scale10' },
			{ label: 'Revenir', type: 'yesno' },
			{ label: 'Format', type: 'single', options: ['Atelier', 'Plénière'] },
			{ label: 'Sujets', type: 'multiple', options: ['IA', 'Inclusion', 'Territoires'] },
			{ section: 'Vos suggestions', label: 'Garder', type: 'text' },
			{ label: 'Améliorer', type: 'text' },
			{ section: 'Les séances', label: 'Note de la séance', type: 'scale5', perSession: true },
			{ label: 'Commentaire sur la séance', type: 'text', perSession: true }
		],
		...overrides
	};
}

/** A check-in, as the welcome desk records it. */
export async function checkInRow(db: DbOrTx, eventId: string, registrationId: string, halfDay: string): Promise<void> {
	await db
		.insertInto('checkin')
		.values({
			registration_id: registrationId,
			half_day: halfDay,
			event_id: eventId,
			checked_in_at: new Date().toISOString(),
			checked_in_by: null,
			method: 'search'
		})
		.execute();
}

export async function addTeamMemberRow(db: DbOrTx, eventId: string, userId: string, role: string): Promise<void> {
	await db.insertInto('event_member').values({ event_id: eventId, user_id: userId, role, created_at: new Date().toISOString() }).execute();
}

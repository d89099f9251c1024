/**
 * Factories for the report: participants inserted as rows (thousands at once, the way the
 * registration area stores them), their check-ins, and a prepared event.
 */
import type { DbOrTx } from '#lib/server/db/index.ts';

let seq = 0;

export interface SeededPerson {
	id: string;
	firstName: string;
	lastName: string;
	email: string;
	structure: string;
}

/**
 * `count` confirmed registrations for both half-days of `halfDays`; the first `checkedIn` of them
 * checked in on the first half-day. Every fifth is an élu·e; structures repeat every 7 people.
 */
export async function seedParticipants(
	db: DbOrTx,
	eventId: string,
	count: number,
	options: { checkedIn?: number; halfDays?: string[] } = {}
): Promise<SeededPerson[]> {
	const halfDays = options.halfDays ?? ['2027-06-10:am', '2027-06-10:pm'];
	const now = new Date().toISOString();
	const people: SeededPerson[] = [];
	const rows = [];
	for (let i = 0; i < count; i++) {
		seq += 1;
		const id = crypto.randomUUID();
		const person = {
			id,
			firstName: `Prénomtest${seq}`,
			lastName: `Nomtest${seq}`,
			email: `participant${seq}.${id.slice(0, 6)}@exemple.fr`,
			structure: `Structure ${i % 7}`
		};
		people.push(person);
		rows.push({
			id,
			event_id: eventId,
			status: 'confirmed',
			email: person.email,
			first_name: person.firstName,
			last_name: person.lastName,
			structure_name: person.structure,
			structure_type: i % 3 === 0 ? 'association' : 'collectivite',
			role: i % 5 === 0 ? 'elu' : 'mediateur-numerique',
			insee_code: '87085',
			commune: 'Limoges',
			departement: i % 2 === 0 ? '87' : '19',
			half_days: JSON.stringify(halfDays),
			consent_terms_at: now,
			manage_token_hash: `hash-${id}`,
			checkin_code: `C${seq}${id.slice(0, 4)}`,
			source: 'organiser',
			created_at: now,
			updated_at: now
		});
	}
	for (let i = 0; i < rows.length; i += 200)
		await db
			.insertInto('registration')
			.values(rows.slice(i, i + 200))
			.execute();
	const checked = people.slice(0, options.checkedIn ?? 0);
	for (let i = 0; i < checked.length; i += 300)
		await db
			.insertInto('checkin')
			.values(
				checked.slice(i, i + 300).map((p) => ({
					registration_id: p.id,
					half_day: halfDays[0],
					event_id: eventId,
					checked_in_at: now,
					checked_in_by: null,
					method: 'search'
				}))
			)
			.execute();
	return people;
}

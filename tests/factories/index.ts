import type { DbOrTx } from '#lib/server/db/index.ts';
import type { Actor } from '#lib/server/auth/permissions.ts';

let seq = 0;

/** Inserts a user the way a magic-link sign-up would, and returns them as an Actor. */
export async function newUser(
	db: DbOrTx,
	options: { email?: string; name?: string; isAdmin?: boolean } = {}
): Promise<NonNullable<Actor> & { email: string }> {
	seq += 1;
	const id = crypto.randomUUID();
	const email = options.email ?? `personne${seq}-${id.slice(0, 6)}@exemple.fr`;
	const now = new Date().toISOString();
	await db
		.insertInto('user')
		.values({
			id,
			name: options.name ?? `Personne ${seq}`,
			email,
			email_verified: 1,
			image: null,
			is_admin: options.isAdmin ? 1 : 0,
			locale: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return { id, email, isAdmin: !!options.isAdmin };
}

/** A valid "create event" input: a two-day on-site local NEC in Limoges next year. */
export function eventInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	seq += 1;
	return {
		title: `NEC du Limousin ${seq}`,
		edition: 2,
		description: 'Deux jours pour un numérique d’intérêt général en Haute-Vienne.',
		themes: ['Médiation numérique', 'Numérique responsable'],
		startsAt: '2027-06-10T09:00:00+02:00',
		endsAt: '2027-06-11T17:00:00+02:00',
		format: 'onsite',
		venue: { name: 'Espace Noriac', address: '10 rue Jean Pierre Timbaud', inseeCode: '87085' },
		organisers: [{ name: 'Hub Nouvelle-Aquitaine', type: 'hub', siret: '73282932000074', role: 'lead' }],
		label: { status: 'requested', requestedOn: '2027-01-15' },
		...overrides
	};
}

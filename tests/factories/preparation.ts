import type { DbOrTx } from '#lib/server/db/index.ts';
import type { Actor } from '#lib/server/auth/permissions.ts';
import { createEvent, type ServiceContext } from '#lib/server/events/event.service.ts';
import { seedPreparation } from '#lib/server/planning/task.service.ts';
import { eventInput } from './index.ts';

/**
 * An event created the way the app creates it, then seeded with the preparation template, as
 * `createEvent` does once `seedPreparation` is wired into it (calling it twice adds nothing).
 */
export async function newPreparedEvent(ctx: ServiceContext, actor: Actor, overrides: Record<string, unknown> = {}) {
	const event = await createEvent(ctx, actor, eventInput(overrides));
	await seedPreparation(ctx.db, event.id);
	return event;
}

/** Gives `user` a role in the event directly, as an accepted invitation would. */
export async function addTeamMember(db: DbOrTx, eventId: string, userId: string, role: 'owner' | 'organiser' | 'readonly'): Promise<void> {
	await db.insertInto('event_member').values({ event_id: eventId, user_id: userId, role, created_at: new Date().toISOString() }).execute();
}

/** A speaker of the programme with a travel estimate, inserted directly (the programme's own table). */
export async function newSpeakerWithTravel(
	db: DbOrTx,
	eventId: string,
	travelCostCents: number | null,
	status = 'confirmed'
): Promise<string> {
	const id = crypto.randomUUID();
	const now = new Date().toISOString();
	await db
		.insertInto('speaker')
		.values({
			id,
			event_id: eventId,
			name: `Intervenant·e ${id.slice(0, 4)}`,
			organisation: '',
			role_title: '',
			bio: '',
			portrait_file_id: null,
			portrait_alt: '',
			email: null,
			status,
			travel_cost_cents: travelCostCents,
			invite_token_hash: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

/** A balanced planned budget close to the field notes' real one (12 400 €), in cents. */
export function balancedBudgetLines() {
	return [
		{ kind: 'charge', account: '606', label: 'Fournitures', plannedCents: 66_000, actualCents: 65_432 },
		{ kind: 'charge', account: '622', label: 'Honoraires', plannedCents: 88_000, actualCents: 88_000 },
		{ kind: 'charge', account: '623', label: 'Impression du programme', plannedCents: 60_000, actualCents: 61_250 },
		{ kind: 'charge', account: '625', label: 'Déplacements et réceptions', plannedCents: 120_000, actualCents: 118_000 },
		{ kind: 'charge', account: '641', label: 'Temps des chefs de projet', plannedCents: 900_000, actualCents: 900_000 },
		{ kind: 'charge', account: '864', label: 'Bénévoles', plannedCents: 30_000, actualCents: 30_000 },
		{ kind: 'produit', account: '74', label: 'ANCT', funder: 'state', plannedCents: 250_000, actualCents: 250_000 },
		{ kind: 'produit', account: 'own-funds', label: 'Syndicat A', plannedCents: 492_000, actualCents: 492_000 },
		{ kind: 'produit', account: 'own-funds', label: 'Syndicat B', plannedCents: 492_000, actualCents: 490_682 },
		{ kind: 'produit', account: '870', label: 'Bénévolat', plannedCents: 30_000, actualCents: 30_000 }
	];
}

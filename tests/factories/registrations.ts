/**
 * Factories for registration tests. Rooms and sessions belong to the programme, whose services
 * are written elsewhere: they are inserted here as rows, the way the programme stores them.
 */
import type { DbOrTx } from '#lib/server/db/index.ts';
import type { Actor } from '#lib/server/auth/permissions.ts';
import { createEvent, updateEvent } from '#lib/server/events/event.service.ts';
import { eventInput } from './index.ts';

let seq = 0;

/** A published two-day event (10–11 June 2027, Limoges) owned by `owner`. */
export async function newPublishedEvent(db: DbOrTx, owner: NonNullable<Actor>, overrides: Record<string, unknown> = {}) {
	const ctx = { db, publicUrl: 'http://localhost:3000' };
	const ev = await createEvent(ctx, owner, eventInput(overrides));
	return updateEvent(ctx, owner, ev.slug, { status: 'published' });
}

export async function newRoom(db: DbOrTx, eventId: string, options: { name?: string; capacity?: number | null } = {}): Promise<string> {
	seq += 1;
	const id = crypto.randomUUID();
	await db
		.insertInto('room')
		.values({
			id,
			event_id: eventId,
			position: seq,
			name: options.name ?? `Salle ${seq}`,
			capacity: options.capacity === undefined ? null : options.capacity,
			accessibility_notes: ''
		})
		.execute();
	return id;
}

export interface SessionOptions {
	title?: string;
	format?: string;
	startsAt?: string;
	endsAt?: string;
	roomId?: string | null;
	capacity?: number | null;
	requiresRegistration?: boolean;
}

/** A session; by default a 90-minute workshop needing registration on the event's first morning. */
export async function newSession(db: DbOrTx, eventId: string, options: SessionOptions = {}): Promise<string> {
	seq += 1;
	const id = crypto.randomUUID();
	const now = new Date().toISOString();
	await db
		.insertInto('session')
		.values({
			id,
			event_id: eventId,
			title: options.title ?? `Atelier ${seq}`,
			format: options.format ?? 'workshop',
			description: '',
			themes: '[]',
			starts_at: options.startsAt ?? '2027-06-10T08:00:00.000Z',
			ends_at: options.endsAt ?? '2027-06-10T09:30:00.000Z',
			room_id: options.roomId ?? null,
			audience: '[]',
			expected_attendance: null,
			capacity: options.capacity === undefined ? null : options.capacity,
			requires_registration: options.requiresRegistration === false ? 0 : 1,
			synthesis: '',
			synthesis_published: 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function newSpeaker(db: DbOrTx, eventId: string, sessionId: string, name: string, organisation = ''): Promise<string> {
	const id = crypto.randomUUID();
	const now = new Date().toISOString();
	await db
		.insertInto('speaker')
		.values({
			id,
			event_id: eventId,
			name,
			organisation,
			role_title: '',
			bio: '',
			portrait_file_id: null,
			portrait_alt: '',
			email: null,
			status: 'confirmed',
			travel_cost_cents: null,
			invite_token_hash: null,
			created_at: now,
			updated_at: now
		} as never)
		.execute();
	await db.insertInto('session_speaker').values({ session_id: sessionId, speaker_id: id, part: 'speaker', position: 0 }).execute();
	return id;
}

/** A valid public registration: a digital mediator from Limoges who accepts the terms. */
export function registrationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	seq += 1;
	return {
		firstName: 'Awa',
		lastName: `Diallo ${seq}`,
		email: `awa.diallo.${seq}.${crypto.randomUUID().slice(0, 6)}@exemple.fr`,
		structure: { name: 'Médiathèque de Limoges', type: 'collectivite' },
		role: 'mediateur-numerique',
		inseeCode: '87085',
		sessionIds: [],
		consents: { terms: true, newsletter: false, photos: false },
		...overrides
	};
}

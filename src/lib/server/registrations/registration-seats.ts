/**
 * A person's workshops replaced inside a quota transaction: shared by the change of workshops
 * (registration.service.ts) and the edit of a whole registration (registration-edit.service.ts),
 * so that both keep the same capacity rules and waiting lists.
 */
import type { Tx } from '../db/index.ts';
import { fillSession, seatFor, type Promotion, type SessionQuota } from './registration-quota.ts';
import {
	countSeats,
	deleteSeatRows,
	insertSeatRows,
	listSeatsByRegistration,
	type RegistrationRow,
	type SeatRow
} from './registration.queries.ts';
import { lockAndReadSessions } from './registration-event.queries.ts';

export function sessionQuota(row: {
	id: string;
	capacity: number | null;
	room_capacity: number | null;
	requires_registration: number;
}): SessionQuota {
	const own = row.capacity === null ? null : Number(row.capacity);
	const room = row.room_capacity === null ? null : Number(row.room_capacity);
	return { id: row.id, capacity: own ?? room, requiresRegistration: Number(row.requires_registration) === 1 };
}

export interface SeatChange {
	/** The seats after the change (kept ones unchanged, new ones confirmed or waitlisted). */
	after: SeatRow[];
	added: string[];
	removed: string[];
	promotions: Promotion[];
}

/**
 * Replaces the seats of a locked registration (the caller holds the event's exclusive lock) with
 * `wanted`: kept seats stay as they are (waiting-list places too), new ones are given if free and
 * queued otherwise, and freed confirmed seats go to the first people waiting.
 */
export async function applySessionChoice(tx: Tx, row: RegistrationRow, wanted: string[], nowIso: string): Promise<SeatChange> {
	const current = (await listSeatsByRegistration(tx, [row.id])).get(row.id) ?? [];
	const currentIds = new Set(current.map((s) => s.session_id));
	const removed = current.filter((s) => !wanted.includes(s.session_id));
	const added = wanted.filter((id) => !currentIds.has(id));
	if (removed.length === 0 && added.length === 0) return { after: current, added: [], removed: [], promotions: [] };
	const locked = new Map((await lockAndReadSessions(tx, [...new Set([...currentIds, ...wanted])])).map((r) => [r.id, sessionQuota(r)]));
	await deleteSeatRows(
		tx,
		row.id,
		removed.map((s) => s.session_id)
	);
	const counts = await countSeats(tx, added);
	const promotions: Promotion[] = [];
	const newSeats: SeatRow[] = [];
	for (const sid of added) {
		const r = await seatFor(tx, locked.get(sid)!, row.status === 'confirmed', counts.get(sid)!);
		promotions.push(...r.promotions);
		newSeats.push({ registration_id: row.id, session_id: sid, status: r.status, requested_at: nowIso });
	}
	await insertSeatRows(tx, newSeats);
	for (const s of removed) if (s.status === 'confirmed') promotions.push(...(await fillSession(tx, locked.get(s.session_id)!)));
	return {
		after: [...current.filter((s) => wanted.includes(s.session_id)), ...newSeats],
		added,
		removed: removed.map((s) => s.session_id),
		promotions
	};
}

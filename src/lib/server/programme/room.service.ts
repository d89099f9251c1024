/** Rooms ("espaces") of an event: the columns of the schedule, in the order the team sets. */
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { findEventBySlug } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { withTx } from '../tx.ts';
import { NotFoundError } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { deleteRoomRow, findRoomRow, insertRoom, listRoomRows, nextRoomPosition, updateRoomRow } from './programme.queries.ts';
import { parseProgramme, roomCreateSchema, roomPatchSchema } from './programme.schema.ts';
import { getProgrammeForViewer, toRoomView, type RoomView } from './programme.service.ts';

async function eventFor(db: DbOrTx, actor: Actor, slug: string) {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(db, event.id, actor, 'edit');
	return event;
}

async function roomFor(db: DbOrTx, actor: Actor, slug: string, id: string) {
	const event = await eventFor(db, actor, slug);
	const room = await findRoomRow(db, event.id, id);
	if (!room) throw new NotFoundError('room');
	return { event, room };
}

/** The event's rooms in their order; public once the event is published, like the programme. */
export async function listRooms(ctx: ServiceContext, viewer: Actor, slug: string): Promise<RoomView[]> {
	return (await getProgrammeForViewer(ctx, viewer, slug)).rooms;
}

/** Adds a room at the end of the event's list (team members who may edit). */
export async function createRoom(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<RoomView> {
	return withTx(ctx.db, async (tx) => {
		const event = await eventFor(tx, actor, slug);
		const data = parseProgramme(roomCreateSchema, input);
		const row = {
			id: crypto.randomUUID(),
			event_id: event.id,
			position: await nextRoomPosition(tx, event.id),
			name: data.name,
			capacity: data.capacity ?? null,
			accessibility_notes: data.accessibilityNotes,
			version: 1
		};
		await insertRoom(tx, row);
		return toRoomView(row);
	});
}

/**
 * Changes a room's name, capacity or accessibility notes. With `version` (form, If-Match):
 * StaleVersionError and nothing written when the room changed since.
 */
export async function updateRoom(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<RoomView> {
	return withTx(ctx.db, async (tx) => {
		const { event, room } = await roomFor(tx, actor, slug, id);
		const versions = versionsToWrite(version, Number(room.version));
		const data = parseProgramme(roomPatchSchema, input);
		const next = {
			...room,
			name: data.name ?? room.name,
			capacity: data.capacity === undefined ? room.capacity : data.capacity,
			accessibility_notes: data.accessibilityNotes ?? room.accessibility_notes
		};
		const set = { name: next.name, capacity: next.capacity, accessibility_notes: next.accessibility_notes };
		if (!(await updateRoomRow(tx, id, set, versions))) {
			const now = await findRoomRow(tx, event.id, id);
			throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
		}
		return toRoomView({ ...next, version: versions[0] + 1 });
	});
}

/** Moves a room one place up or down in the event's order (the schedule's columns). */
export async function moveRoom(ctx: ServiceContext, actor: Actor, slug: string, id: string, direction: 'up' | 'down'): Promise<RoomView[]> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await roomFor(tx, actor, slug, id);
		const rooms = await listRoomRows(tx, event.id);
		const at = rooms.findIndex((r) => r.id === id);
		const to = direction === 'up' ? at - 1 : at + 1;
		if (to >= 0 && to < rooms.length) [rooms[at], rooms[to]] = [rooms[to], rooms[at]];
		// Renumber everything: positions stay 0..n-1 even after deletions.
		for (const [i, r] of rooms.entries()) if (Number(r.position) !== i) await updateRoomRow(tx, r.id, { position: i });
		return rooms.map((r, i) => toRoomView({ ...r, position: i }));
	});
}

/** Deletes a room; its sessions stay in the programme without a room (and say so). */
export async function deleteRoom(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		await roomFor(tx, actor, slug, id);
		await deleteRoomRow(tx, id);
	});
}

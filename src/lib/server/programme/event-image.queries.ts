/** All Kysely code of the event page's banner and logos (table `event_image`, files in `stored_file`). */
import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { EventImageTable } from '../db/tables/programme.ts';

export type EventImageRow = Selectable<EventImageTable>;

export function listEventImageRows(db: DbOrTx, eventId: string): Promise<EventImageRow[]> {
	return db.selectFrom('event_image').selectAll().where('event_id', '=', eventId).orderBy('kind').orderBy('position').execute();
}

export function findEventImageRow(db: DbOrTx, eventId: string, id: string): Promise<EventImageRow | undefined> {
	return db.selectFrom('event_image').selectAll().where('event_id', '=', eventId).where('id', '=', id).executeTakeFirst();
}

export async function insertEventImageRow(db: DbOrTx, row: Insertable<EventImageTable>): Promise<void> {
	await db.insertInto('event_image').values(row).execute();
}

export async function deleteEventImageRow(db: DbOrTx, id: string): Promise<void> {
	await db.deleteFrom('event_image').where('id', '=', id).execute();
}

/** The next position among the event's images of one kind (logos keep the order they were added in). */
export async function nextEventImagePosition(db: DbOrTx, eventId: string, kind: string): Promise<number> {
	const row = await db
		.selectFrom('event_image')
		.select((eb) => eb.fn.max('position').as('max'))
		.where('event_id', '=', eventId)
		.where('kind', '=', kind)
		.executeTakeFirst();
	return row?.max == null ? 0 : Number(row.max) + 1;
}

export async function deleteStoredFiles(db: DbOrTx, eventId: string, ids: string[]): Promise<void> {
	if (ids.length) await db.deleteFrom('stored_file').where('event_id', '=', eventId).where('id', 'in', ids).execute();
}

/** Copies an event's banner and logos, with their files, into another event (the next edition). */
export async function copyEventImageRows(db: DbOrTx, fromId: string, toId: string, nowIso: string): Promise<void> {
	const rows = await listEventImageRows(db, fromId);
	for (const row of rows) {
		const variants = JSON.parse(row.variants) as { width: number; fileId: string }[];
		const ids = new Map(variants.map((v) => [v.fileId, crypto.randomUUID()]));
		const files = await db
			.selectFrom('stored_file')
			.selectAll()
			.where('event_id', '=', fromId)
			.where('id', 'in', [...ids.keys()])
			.execute();
		if (files.length)
			await db
				.insertInto('stored_file')
				.values(files.map((f) => ({ ...f, id: ids.get(f.id)!, event_id: toId, created_at: nowIso })))
				.execute();
		await insertEventImageRow(db, {
			...row,
			id: crypto.randomUUID(),
			event_id: toId,
			variants: JSON.stringify(variants.map((v) => ({ width: v.width, fileId: ids.get(v.fileId)! }))),
			created_at: nowIso
		});
	}
}

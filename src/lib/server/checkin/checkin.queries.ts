/** All Kysely code of check-in (arrivals per half-day). */
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import type { CheckinTable } from '../db/tables/registrations.ts';

export type CheckinRow = Selectable<CheckinTable>;

/** Records an arrival; false when the person was already checked in for that half-day. */
export async function insertCheckin(db: DbOrTx, row: CheckinRow): Promise<boolean> {
	const r = await db
		.insertInto('checkin')
		.values(row)
		.onConflict((oc) => oc.columns(['registration_id', 'half_day']).doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteCheckin(db: DbOrTx, eventId: string, registrationId: string, halfDay: string): Promise<boolean> {
	const r = await db
		.deleteFrom('checkin')
		.where('event_id', '=', eventId)
		.where('registration_id', '=', registrationId)
		.where('half_day', '=', halfDay)
		.executeTakeFirst();
	return Number(r.numDeletedRows) === 1;
}

export async function listCheckinsByRegistration(db: DbOrTx, registrationIds: string[]): Promise<Map<string, CheckinRow[]>> {
	const map = new Map<string, CheckinRow[]>();
	for (let i = 0; i < registrationIds.length; i += 500) {
		const rows = await db
			.selectFrom('checkin')
			.selectAll()
			.where('registration_id', 'in', registrationIds.slice(i, i + 500))
			.orderBy('half_day')
			.execute();
		for (const r of rows) {
			const list = map.get(r.registration_id) ?? [];
			list.push(r);
			map.set(r.registration_id, list);
		}
	}
	return map;
}

/** Every arrival of the event, for counts and the attendance record. */
export function listEventCheckins(db: DbOrTx, eventId: string) {
	return db.selectFrom('checkin').selectAll().where('event_id', '=', eventId).execute();
}

/** Arrivals per half-day. */
export async function countCheckinsByHalfDay(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('checkin')
		.innerJoin('registration', 'registration.id', 'checkin.registration_id')
		.select(['checkin.half_day', (eb) => eb.fn.countAll<string | number>().as('n')])
		.where('checkin.event_id', '=', eventId)
		.where('registration.status', '!=', 'cancelled')
		.groupBy('checkin.half_day')
		.execute();
	return new Map(rows.map((r) => [r.half_day, Number(r.n)]));
}

/** People checked in at least once. */
export async function countCheckedInPeople(db: DbOrTx, eventId: string): Promise<number> {
	const row = await db
		.selectFrom('checkin')
		.select((eb) => eb.fn.count<string | number>('registration_id').distinct().as('n'))
		.where('event_id', '=', eventId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Confirmed registrations expected on a half-day (they ticked it). */
export async function countExpected(db: DbOrTx, eventId: string, halfDay: string): Promise<number> {
	const row = await db
		.selectFrom('registration')
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'confirmed')
		.where('half_days', 'like', `%"${halfDay}"%`)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

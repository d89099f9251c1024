import { sql } from 'kysely';
import type { DbOrTx } from '../db/index.ts';
import { nowIso } from '../db/time.ts';
import { PUBLIC_STATUSES, type NationalEventFilter } from './national.queries.ts';

/**
 * Public events with their stored figures (null when never counted), filtered like the list.
 * One statement whatever the number of events.
 */
export function listEventsWithFigures(db: DbOrTx, f: Pick<NationalEventFilter, 'from' | 'before'>) {
	let q = db
		.selectFrom('event')
		.leftJoin('event_figure as f', 'f.event_id', 'event.id')
		.select([
			'event.id',
			'event.starts_at',
			'event.format',
			'event.themes',
			'event.venue_departement',
			'f.participants',
			'f.elus',
			'f.stale',
			'f.frozen_at',
			'f.computed_at'
		])
		.where('event.status', 'in', PUBLIC_STATUSES);
	if (f.from) q = q.where('event.starts_at', '>=', f.from);
	if (f.before) q = q.where('event.starts_at', '<', f.before);
	return q.orderBy('event.starts_at').orderBy('event.id').limit(5000).execute();
}

export function findFigureCache(db: DbOrTx, scope: string) {
	return db.selectFrom('national_figure_cache').selectAll().where('scope', '=', scope).executeTakeFirst();
}

export async function storeFigureCache(db: DbOrTx, scope: string, fingerprint: string, structures: number): Promise<void> {
	const at = nowIso();
	await db
		.insertInto('national_figure_cache')
		.values({ scope, fingerprint, structures, computed_at: at })
		.onConflict((oc) => oc.column('scope').doUpdateSet({ fingerprint, structures, computed_at: at }))
		.execute();
}

/** Distinct structures among the stored keys of these events (one statement). */
export async function countStoredStructures(db: DbOrTx, eventIds: string[]): Promise<number> {
	if (eventIds.length === 0) return 0;
	const row = await db
		.selectFrom('event_figure_structure')
		.select(sql<number>`count(distinct structure_key)`.as('n'))
		.where('event_id', 'in', eventIds)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/**
 * Marks these events' figures as being counted now (a row with stale = 0): a registration or
 * check-in changed after this point marks them stale again through the triggers.
 */
export async function resetFigureRows(db: DbOrTx, eventIds: string[]): Promise<void> {
	const at = nowIso();
	for (let i = 0; i < eventIds.length; i += 200)
		await db
			.insertInto('event_figure')
			.values(
				eventIds.slice(i, i + 200).map((id) => ({ event_id: id, participants: 0, elus: 0, stale: 0, computed_at: at, frozen_at: null }))
			)
			.onConflict((oc) => oc.column('event_id').doUpdateSet({ stale: 0, computed_at: at }))
			.execute();
}

/** Attended people and élu·es per event, and their distinct (structure, commune) pairs as stored. */
export function listAttendedStructuresByEvent(db: DbOrTx, eventIds: string[]) {
	return db
		.selectFrom('registration as r')
		.select(['r.event_id', sql<string>`trim(r.structure_name)`.as('name'), sql<string>`coalesce(r.commune, '')`.as('commune')])
		.distinct()
		.where('r.event_id', 'in', eventIds.length ? eventIds : [''])
		.where((eb) => eb.exists(eb.selectFrom('checkin as c').select('c.registration_id').whereRef('c.registration_id', '=', 'r.id')))
		.execute();
}

/** Writes the counted figures (200 events per statement), leaving `stale` as the triggers set it. */
export async function writeFigureCounts(db: DbOrTx, rows: { event_id: string; participants: number; elus: number }[]): Promise<void> {
	const at = nowIso();
	for (let i = 0; i < rows.length; i += 200)
		await db
			.insertInto('event_figure')
			.values(rows.slice(i, i + 200).map((r) => ({ ...r, stale: 0, computed_at: at, frozen_at: null })))
			.onConflict((oc) =>
				oc.column('event_id').doUpdateSet((eb) => ({ participants: eb.ref('excluded.participants'), elus: eb.ref('excluded.elus') }))
			)
			.execute();
}

export async function replaceFigureStructures(db: DbOrTx, eventIds: string[], rows: { event_id: string; structure_key: string }[]) {
	await db
		.deleteFrom('event_figure_structure')
		.where('event_id', 'in', eventIds.length ? eventIds : [''])
		.execute();
	for (let i = 0; i < rows.length; i += 400)
		await db
			.insertInto('event_figure_structure')
			.values(rows.slice(i, i + 400))
			.execute();
}

/** Ids of events ended before `endedBefore` whose figures are not frozen yet. */
export async function listUnfrozenEventsEndedBefore(db: DbOrTx, endedBefore: string): Promise<string[]> {
	const rows = await db
		.selectFrom('event')
		.leftJoin('event_figure as f', 'f.event_id', 'event.id')
		.select('event.id')
		.where('event.ends_at', '<', endedBefore)
		.where('f.frozen_at', 'is', null)
		.execute();
	return rows.map((r) => r.id);
}

export async function markFrozen(db: DbOrTx, eventId: string, reportParticipation: string | null): Promise<void> {
	await db
		.updateTable('event_figure')
		.set({ frozen_at: nowIso(), report_participation: reportParticipation, stale: 0 })
		.where('event_id', '=', eventId)
		.execute();
}

export function findFrozenFigures(db: DbOrTx, eventId: string) {
	return db
		.selectFrom('event_figure')
		.select(['frozen_at', 'report_participation'])
		.where('event_id', '=', eventId)
		.where('frozen_at', 'is not', null)
		.executeTakeFirst();
}

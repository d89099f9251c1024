import type { DbOrTx } from '../db/index.ts';

/** What the national view shows: events that are public (published, or archived once over). Never drafts. */
export const PUBLIC_STATUSES = ['published', 'archived'];

export interface NationalEventFilter {
	from?: string;
	before?: string;
	departements?: string[];
	format?: string;
	organiserType?: string;
}

/** Public events, soonest first, filtered in SQL (axes are filtered by the service: they are JSON). */
export function listNationalEventRows(db: DbOrTx, f: NationalEventFilter, limit = 5000) {
	let q = db.selectFrom('event').selectAll().where('status', 'in', PUBLIC_STATUSES);
	if (f.from) q = q.where('starts_at', '>=', f.from);
	if (f.before) q = q.where('starts_at', '<', f.before);
	if (f.departements) q = q.where('venue_departement', 'in', f.departements.length ? f.departements : ['']);
	if (f.format) q = q.where('format', '=', f.format);
	if (f.organiserType) {
		const type = f.organiserType;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('event_organiser')
					.select('event_organiser.id')
					.whereRef('event_organiser.event_id', '=', 'event.id')
					.where('event_organiser.type', '=', type)
			)
		);
	}
	return q.orderBy('starts_at').orderBy('id').limit(limit).execute();
}

/** The years in which public events start (UTC years of their first day, enough for a filter). */
export async function listNationalEventStarts(db: DbOrTx) {
	return db.selectFrom('event').select(['starts_at', 'themes']).where('status', 'in', PUBLIC_STATUSES).execute();
}

/** The latest change among public events, for feeds' Last-Modified; null when there is none. */
export async function findLatestPublicChange(db: DbOrTx) {
	const row = await db
		.selectFrom('event')
		.select((eb) => [eb.fn.max('updated_at').as('latest'), eb.fn.countAll<number>().as('n')])
		.where('status', 'in', PUBLIC_STATUSES)
		.executeTakeFirst();
	return row ?? null;
}

/**
 * Attended people per public event: registrations checked in at least once, and among them the
 * élu·es. One grouped query whatever the number of events.
 */
export function countAttendedByEvent(db: DbOrTx, eventIds: string[]) {
	return db
		.selectFrom('registration as r')
		.select((eb) => [
			'r.event_id',
			eb.fn.countAll<number>().as('participants'),
			eb.fn.sum<number>(eb.case().when('r.role', '=', 'elu').then(1).else(0).end()).as('elus')
		])
		.where('r.event_id', 'in', eventIds.length ? eventIds : [''])
		.where((eb) => eb.exists(eb.selectFrom('checkin as c').select('c.registration_id').whereRef('c.registration_id', '=', 'r.id')))
		.groupBy('r.event_id')
		.execute();
}

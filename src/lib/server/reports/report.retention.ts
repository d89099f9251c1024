/**
 * What the report keeps when the retention purge erases an event's registrations: its
 * participation block (registered, attended, structures, élu·es, per half-day and per session),
 * stored beside the event's frozen figures; the report reads it back once the registrations are gone.
 */
import type { DbOrTx } from '../db/index.ts';
import { findEventById } from '../events/event.queries.ts';
import { freezeFiguresOfEventsEndedBefore } from '../national/event-figures.service.ts';
import { computeReport } from './report.data.ts';

async function participationBlock(db: DbOrTx, eventId: string) {
	const event = await findEventById(db, eventId);
	return event ? (await computeReport(db, event)).participation : null;
}

/** Freezes the national and report figures of events ended before `endedBefore` (before their registrations are erased). */
export function freezeFiguresBeforePurge(db: DbOrTx, endedBefore: string): Promise<number> {
	return freezeFiguresOfEventsEndedBefore(db, endedBefore, participationBlock);
}

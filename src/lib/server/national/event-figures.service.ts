/**
 * Per-event figures kept apart from the registrations: attended people, élu·es and the folded
 * (structure, commune) keys of an event, written in `event_figure` / `event_figure_structure`.
 * Triggers mark an event's row stale when one of its registrations or check-ins changes; readers
 * count again only the stale events, so the national figures read a few stored rows instead of
 * every registration, and stay exact. Before the retention purge erases an event's registrations,
 * its figures are counted one last time and frozen: the triggers no longer touch them.
 */
import type { DbOrTx } from '../db/index.ts';
import { withTx } from '../tx.ts';
import { countAttendedByEvent } from './national.queries.ts';
import {
	listAttendedStructuresByEvent,
	listUnfrozenEventsEndedBefore,
	markFrozen,
	replaceFigureStructures,
	resetFigureRows,
	writeFigureCounts
} from './event-figures.queries.ts';

/** Folded text: "Médiation numérique" and "mediation  numerique" are one axis, one structure. */
export function foldText(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Counts these events' figures again and stores them, in one transaction whatever their number
 * (four statements plus batched writes). The rows are marked fresh first, so a change made
 * while counting marks them stale again rather than being lost.
 */
export async function refreshEventFigures(db: DbOrTx, eventIds: string[]): Promise<void> {
	if (eventIds.length === 0) return;
	await withTx(db, async (tx) => {
		await resetFigureRows(tx, eventIds);
		const [attended, structures] = await Promise.all([countAttendedByEvent(tx, eventIds), listAttendedStructuresByEvent(tx, eventIds)]);
		const counts = new Map(attended.map((a) => [a.event_id, { participants: Number(a.participants), elus: Number(a.elus ?? 0) }]));
		await writeFigureCounts(
			tx,
			eventIds.map((id) => ({ event_id: id, ...(counts.get(id) ?? { participants: 0, elus: 0 }) }))
		);
		const keys = new Map<string, { event_id: string; structure_key: string }>();
		for (const s of structures) {
			const name = foldText(s.name);
			if (!name) continue;
			const key = `${name}|${foldText(s.commune)}`;
			keys.set(`${s.event_id}\n${key}`, { event_id: s.event_id, structure_key: key });
		}
		await replaceFigureStructures(tx, eventIds, [...keys.values()]);
	});
}

/**
 * Before the retention purge: counts the figures of events ended before `endedBefore` one last
 * time and freezes them, with `reportParticipation(eventId)` (the report's participation block)
 * kept beside them as JSON. Twenty events per transaction, so that a first run over years of
 * events does not hold the database's write lock for long; already frozen events are skipped.
 */
export async function freezeFiguresOfEventsEndedBefore(
	db: DbOrTx,
	endedBefore: string,
	reportParticipation: (db: DbOrTx, eventId: string) => Promise<unknown> = async () => null
): Promise<number> {
	const ids = await listUnfrozenEventsEndedBefore(db, endedBefore);
	for (let i = 0; i < ids.length; i += 20)
		await withTx(db, async (tx) => {
			const chunk = ids.slice(i, i + 20);
			await refreshEventFigures(tx, chunk);
			for (const id of chunk) {
				const block = await reportParticipation(tx, id);
				await markFrozen(tx, id, block === null || block === undefined ? null : JSON.stringify(block));
			}
		});
	return ids.length;
}

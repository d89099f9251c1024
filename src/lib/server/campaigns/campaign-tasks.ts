/**
 * A campaign's task in the retro-planning. Tasks are dated as a number of days from the event's
 * first day; a campaign anchored on the last day or on the report therefore needs its task
 * re-dated when the event's length changes, which the events area asks for through
 * `redateCampaignTasks` (this file imports nothing of the events area but a row type).
 */
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import type { EventRow } from '../events/event.queries.ts';
import { daysBetween, firstDayOf, todayIn } from '../planning/planning.rules.ts';
import { updateTaskRow } from '../planning/task.queries.ts';
import { parisDay } from '../../time.ts';
import { selectUnsentCampaignTasks, type CampaignRow } from './campaign.queries.ts';

type Dates = Pick<EventRow, 'starts_at' | 'ends_at'>;

/** The retro-planning columns of a campaign's task: its date follows the campaign's. */
export function taskDating(c: Pick<CampaignRow, 'anchor' | 'offset_days' | 'fixed_at'>, event: Dates, now: Date) {
	const first = firstDayOf(toIso(event.starts_at));
	const length = daysBetween(first, parisDay(toIso(event.ends_at)));
	if (c.anchor === 'start') return { offset_days: c.offset_days ?? 0, fixed_date: null };
	if (c.anchor === 'end') return { offset_days: (c.offset_days ?? 0) + length, fixed_date: null };
	if (c.anchor === 'fixed' && c.fixed_at) return { offset_days: null, fixed_date: parisDay(toIso(c.fixed_at)) };
	// The report is usually published about a month after the event: the task's date until then.
	if (c.anchor === 'report') return { offset_days: 30 + length, fixed_date: null };
	return { offset_days: null, fixed_date: todayIn(now) };
}

/**
 * Re-dates the tasks of the event's campaigns that have not gone yet, after its dates changed.
 * Sent and cancelled campaigns keep their task as it was: it records what happened.
 */
export async function redateCampaignTasks(db: DbOrTx, eventId: string, event: Dates): Promise<number> {
	const rows = await selectUnsentCampaignTasks(db, eventId, ['end', 'report']);
	const now = new Date();
	for (const c of rows) await updateTaskRow(db, c.planning_task_id!, { ...taskDating(c, event, now), updated_at: now.toISOString() });
	return rows.length;
}

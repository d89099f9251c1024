/**
 * Pure rules of the retro-planning: phases, statuses, and dates relative to the event's first
 * day. A relative task stores only its offset; its date is computed from the event's stored
 * start every time it is read, so moving the event moves every relative task.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { parisDay, TIME_ZONE } from '../../time.ts';
import { PHASES, type TaskStatus } from '../../ui/planning-vocabulary.ts';

export { PHASES, TASK_KINDS, TASK_STATUSES, type Phase, type TaskKind, type TaskStatus } from '../../ui/planning-vocabulary.ts';

/** Statuses that still ask for work: the ones that can be late and go into the weekly e-mail. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['todo', 'in-progress'];

/** Offsets further than this from the event are typing mistakes (J−1000 is almost three years). */
export const MAX_OFFSET_DAYS = 1000;

export function isOpen(status: string): boolean {
	return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** `YYYY-MM-DD` plus `days` calendar days; plain calendar arithmetic, no time zone involved. */
export function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (both `YYYY-MM-DD`): negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The event's first day in Paris, the "J" every relative date counts from. */
export function firstDayOf(eventStartsAtIso: string): string {
	return parisDay(eventStartsAtIso);
}

/** The day a task is due: its fixed date, or its offset counted from the event's first day. */
export function dueDateOf(item: { offset_days: number | null; fixed_date: string | null }, firstDay: string): string {
	if (item.offset_days !== null && item.offset_days !== undefined) return addDays(firstDay, item.offset_days);
	return item.fixed_date ?? firstDay;
}

/** "J", "J−180" (with a true minus sign), "J+7". */
export function formatOffset(days: number): string {
	if (days === 0) return 'J';
	return days < 0 ? `J\u2212${-days}` : `J+${days}`;
}

/**
 * An offset as people type it: "J-180", "J−180", "j – 30", "-180", "+7", "7", "J" or "J+0".
 * Null when it is not one (letters, decimals, too far).
 */
export function parseOffset(text: string): number | null {
	const t = text
		.trim()
		.replace(/[\u2212\u2013\u2014]/g, '-')
		.replace(/\s+/g, '');
	const m = /^(?:[jJ](?:([+-])(\d{1,4}))?|([+-]?)(\d{1,4}))$/.exec(t);
	if (!m) return null;
	let n: number;
	if (m[4] !== undefined) n = Number(m[4]) * (m[3] === '-' ? -1 : 1);
	else if (m[2] !== undefined) n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
	else n = 0;
	if (Math.abs(n) > MAX_OFFSET_DAYS) return null;
	return n === 0 ? 0 : n;
}

/** Today in Paris, `YYYY-MM-DD`. */
export function todayIn(now: Date): string {
	return parisDay(now.toISOString());
}

/** The ISO week of an instant in Paris, `2027-W05`: the key of the weekly e-mail. */
export function isoWeekOf(now: Date): string {
	return format(new TZDate(now, TIME_ZONE), "RRRR-'W'II");
}

/** Monday and Sunday (`YYYY-MM-DD`) of the ISO week that contains `day`. */
export function weekOf(day: string): { monday: string; sunday: string } {
	const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
	const monday = addDays(day, weekday === 0 ? -6 : 1 - weekday);
	return { monday, sunday: addDays(monday, 6) };
}

/** Open and due before today. */
export function isLate(status: string, dueDate: string, today: string): boolean {
	return isOpen(status) && dueDate < today;
}

/** Due between this week's Monday and Sunday (any status: the week's done work shows too). */
export function isThisWeek(dueDate: string, today: string): boolean {
	const { monday, sunday } = weekOf(today);
	return dueDate >= monday && dueDate <= sunday;
}

/** Sort key of phases, for lists that follow the life of the event. */
export function phaseRank(phase: string): number {
	const i = (PHASES as readonly string[]).indexOf(phase);
	return i === -1 ? PHASES.length : i;
}

/** Hours of a working day, to count time in days ("20 days" in the reports) and staff costs. */
export const HOURS_PER_DAY = 7;

/** The owner of a stored task or checklist item, as inputs name it: a team member or a committee entry. */
export function storedOwner(row: { owner_user_id: string | null; owner_committee_id: string | null }) {
	if (row.owner_user_id) return { type: 'member' as const, id: row.owner_user_id };
	if (row.owner_committee_id) return { type: 'committee' as const, id: row.owner_committee_id };
	return null;
}

import { TZDate } from '@date-fns/tz';
// Deep imports: the date-fns barrel costs seconds at start-up where nothing tree-shakes (the CLI).
import { subMonths } from 'date-fns/subMonths';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { EVENT_TIME_ZONE } from './event.schema.ts';

/** ANCT asks for the NEC label request at least four months before the event. */
export const LABEL_LEAD_MONTHS = 4;

export type LabelWarning = 'late-request' | 'deadline-passed' | 'deadline-soon' | null;

/** The last day (YYYY-MM-DD, Paris) on which the label can be requested in time. */
export function labelDeadline(startsAtIso: string): string {
	const start = new TZDate(startsAtIso, EVENT_TIME_ZONE);
	const d = subMonths(start, LABEL_LEAD_MONTHS);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * What to warn organisers about: a request made (or planned) later than four months ahead, a
 * deadline already passed without a request, or one coming within 30 days.
 */
export function labelWarning(
	label: { status: string; requestedOn: string | null },
	startsAtIso: string,
	today: Date = new Date()
): LabelWarning {
	const deadline = labelDeadline(startsAtIso);
	if (label.status !== 'not_requested') {
		return label.requestedOn && label.requestedOn > deadline ? 'late-request' : null;
	}
	const todayParis = new TZDate(today, EVENT_TIME_ZONE);
	if (todayParis.getTime() >= new Date(startsAtIso).getTime()) return null;
	const days = differenceInCalendarDays(new TZDate(`${deadline}T12:00:00`, EVENT_TIME_ZONE), todayParis);
	if (days < 0) return 'deadline-passed';
	if (days <= 30) return 'deadline-soon';
	return null;
}

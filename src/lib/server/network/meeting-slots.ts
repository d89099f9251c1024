/**
 * The slots where two participants may meet: the event's informal times (breaks, lunch and
 * convivial sessions of the programme) cut into MEETING_SLOT_MINUTES pieces. Pure.
 */
import { MEETING_SLOT_MINUTES } from '../../ui/network/vocabulary.ts';

/** Programme formats whose time is free for meetings. */
export const MEETING_FORMATS = ['break', 'social'] as const;

export interface InformalSession {
	title: string;
	startsAt: string;
	endsAt: string;
	room: string | null;
}

export interface MeetingSlot {
	startsAt: string;
	endsAt: string;
	/** The session the slot is cut from ("Déjeuner"), and its room. */
	during: string;
	room: string | null;
}

/** Every whole slot of the informal sessions, in time order, without duplicates (overlapping sessions). */
export function meetingSlots(sessions: InformalSession[]): MeetingSlot[] {
	const step = MEETING_SLOT_MINUTES * 60_000;
	const byStart = new Map<string, MeetingSlot>();
	for (const s of sessions) {
		const end = Date.parse(s.endsAt);
		for (let at = Date.parse(s.startsAt); at + step <= end; at += step) {
			const startsAt = new Date(at).toISOString();
			if (!byStart.has(startsAt))
				byStart.set(startsAt, { startsAt, endsAt: new Date(at + step).toISOString(), during: s.title, room: s.room });
		}
	}
	return [...byStart.values()].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

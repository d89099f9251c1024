/**
 * 1:1 meetings between participants during the event's informal times. An opted-in participant
 * asks another for a slot (see meeting-slots.ts) where neither is already booked; the other
 * accepts or declines from their private link. Accepting books the slot for both in
 * `network_meeting_booking`, whose primary key (person, slot) makes a double booking impossible
 * even when two acceptances race. Both get an e-mail through the outbox with an iCalendar invite.
 * The team sees counts by status, never who meets whom.
 */
import ical from 'ical-generator';
import type { ServiceContext } from '../events/event.service.ts';
import { newRowId } from '../db/row-id.ts';
import { toIso } from '../db/time.ts';
import { icsText } from '../icalendar.ts';
import { withTx } from '../tx.ts';
import { formatRange } from '../../time.ts';
import { translator, type Lang } from '../../i18n/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow } from '../validation.ts';
import { z } from 'zod';
import { findProfileById } from './network.queries.ts';
import { mailProfile } from './network-mail.ts';
import { getNetworkSettings, resolveSelf, type NetworkSelf } from './network-viewer.ts';
import { meetingSlots, type MeetingSlot } from './meeting-slots.ts';
import {
	findMeeting,
	findPendingTwin,
	insertBookings,
	insertMeeting,
	listBookings,
	listInformalSessions,
	listMeetingsOf,
	setMeetingStatus
} from './meeting.queries.ts';

export const meetingInputSchema = z.object({
	inviteeId: z.string().min(1).max(100),
	startsAt: z.string().min(1, 'people.meetings.errors.slotRequired').max(40),
	message: z.preprocess((v) => v ?? '', z.string().trim().max(500))
});

function isUniqueViolation(e: unknown): boolean {
	const err = e as { code?: string; message?: string };
	return err?.code === '23505' || (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT'));
}

async function participantSelf(ctx: ServiceContext, token: string, now: Date): Promise<NetworkSelf & { eventId: string }> {
	const self = await resolveSelf(ctx.db, { token }, now);
	return self as NetworkSelf & { eventId: string };
}

async function eventSlots(ctx: ServiceContext, eventId: string): Promise<MeetingSlot[]> {
	const sessions = await listInformalSessions(ctx.db, eventId);
	return meetingSlots(sessions.map((s) => ({ title: s.title, startsAt: toIso(s.starts_at), endsAt: toIso(s.ends_at), room: s.room })));
}

/** The future slots where both the participant and `otherId` are free. */
export async function listFreeSlots(ctx: ServiceContext, token: string, otherId: string, now: Date = new Date()) {
	const self = await participantSelf(ctx, token, now);
	const other = await findProfileById(ctx.db, otherId);
	if (!other || other.event_id !== self.eventId || other.id === self.profile.id) throw new NotFoundError('person');
	const taken = new Set((await listBookings(ctx.db, [self.profile.id, other.id])).map((b) => b.starts_at));
	const slots = (await eventSlots(ctx, self.eventId)).filter((s) => s.startsAt > now.toISOString() && !taken.has(s.startsAt));
	return { other: { id: other.id, name: other.display_name, structureName: other.structure_name }, slots };
}

/** Asks another participant for a meeting in a free slot; they get an e-mail. */
export async function requestMeeting(ctx: ServiceContext, token: string, input: unknown, now: Date = new Date()) {
	const parsed = parseOrThrow(meetingInputSchema, input);
	const { other, slots } = await listFreeSlots(ctx, token, parsed.inviteeId, now);
	const self = await participantSelf(ctx, token, now);
	const slot = slots.find((s) => s.startsAt === parsed.startsAt);
	if (!slot) throw new ConflictError([{ field: 'startsAt', message: 'people.meetings.errors.slotTaken' }]);
	if (await findPendingTwin(ctx.db, self.profile.id, other.id, slot.startsAt))
		throw new ConflictError([{ field: 'startsAt', message: 'people.meetings.errors.alreadyAsked' }]);
	const { meetingPoint } = await getNetworkSettings(ctx.db, self.eventId);
	const place = meetingPoint || slot.room || '';
	const id = newRowId();
	await withTx(ctx.db, async (tx) => {
		await insertMeeting(tx, {
			id,
			event_id: self.eventId,
			requester_id: self.profile.id,
			invitee_id: other.id,
			starts_at: slot.startsAt,
			ends_at: slot.endsAt,
			place,
			message: parsed.message,
			status: 'pending',
			created_at: now.toISOString(),
			decided_at: null
		});
		await mailProfile(tx, ctx.publicUrl, other.id, self.eventId, '/rencontres', (t, lang) => ({
			kind: 'network-meeting-request',
			subject: t('people.meetings.mail.requestSubject', { name: self.profile.display_name }),
			title: t('people.meetings.mail.requestTitle'),
			paragraphs: [
				t('people.meetings.mail.requestLine', {
					name: self.profile.display_name,
					structure: self.profile.structure_name || '—',
					when: formatRange(slot.startsAt, slot.endsAt, lang),
					place: place || '—'
				}),
				...(parsed.message ? [parsed.message] : [])
			],
			actionLabel: t('people.meetings.mail.answer')
		}));
	});
	return { id };
}

function meetingIcs(m: { id: string; starts_at: string; ends_at: string; place: string }, summary: string, eventTitle: string): string {
	const cal = ical({ prodId: { company: 'maillage', product: 'maillage', language: 'FR' }, name: eventTitle });
	cal.createEvent({
		id: `${m.id}-meeting@maillage`,
		start: new Date(m.starts_at),
		end: new Date(m.ends_at),
		summary,
		location: m.place || undefined
	});
	return icsText(cal);
}

/**
 * The invitee accepts (the slot is booked for both; ConflictError if either took it meanwhile)
 * or declines. Both get an e-mail; on acceptance each with the meeting as an .ics file.
 */
export async function answerMeeting(ctx: ServiceContext, token: string, meetingId: string, accept: boolean, now: Date = new Date()) {
	const self = await participantSelf(ctx, token, now);
	const meeting = await findMeeting(ctx.db, meetingId);
	if (!meeting || meeting.invitee_id !== self.profile.id) throw new NotFoundError('meeting');
	const requester = await findProfileById(ctx.db, meeting.requester_id);
	if (!requester) throw new NotFoundError('meeting');
	const eventTitle = self.event?.title ?? '';
	try {
		await withTx(ctx.db, async (tx) => {
			if ((await setMeetingStatus(tx, meeting.id, accept ? 'accepted' : 'declined', now.toISOString())) === 0)
				throw new ConflictError([{ field: '_', message: 'people.errors.alreadyAnswered' }]);
			if (accept) await insertBookings(tx, meeting.id, meeting.starts_at, [meeting.requester_id, meeting.invitee_id]);
			const tell = (to: string, otherName: string) =>
				mailProfile(tx, ctx.publicUrl, to, meeting.event_id, '/rencontres', (t, lang) => {
					const when = formatRange(meeting.starts_at, meeting.ends_at, lang);
					const summary = t('people.meetings.icsSummary', { name: otherName });
					return {
						kind: accept ? 'network-meeting-accepted' : 'network-meeting-declined',
						subject: t(accept ? 'people.meetings.mail.acceptedSubject' : 'people.meetings.mail.declinedSubject', { name: otherName }),
						title: t(accept ? 'people.meetings.mail.acceptedTitle' : 'people.meetings.mail.declinedTitle'),
						paragraphs: [
							t(accept ? 'people.meetings.mail.acceptedLine' : 'people.meetings.mail.declinedLine', {
								name: otherName,
								when,
								place: meeting.place || '—'
							})
						],
						actionLabel: t('people.meetings.mail.open'),
						attachments: accept
							? [
									{
										filename: 'rencontre.ics',
										contentType: 'text/calendar; charset=utf-8',
										content: Buffer.from(meetingIcs(meeting, summary, eventTitle))
									}
								]
							: undefined
					};
				});
			await tell(meeting.requester_id, self.profile.display_name);
			if (accept) await tell(self.profile.id, requester.display_name);
		});
	} catch (e) {
		if (isUniqueViolation(e)) throw new ConflictError([{ field: '_', message: 'people.meetings.errors.slotTaken' }]);
		throw e;
	}
}

/** The participant's meetings (asked and received), in time order. */
export async function listMyMeetings(ctx: ServiceContext, token: string, now: Date = new Date()) {
	const self = await participantSelf(ctx, token, now);
	return (await listMeetingsOf(ctx.db, self.profile.id)).map((m) => {
		const received = m.invitee_id === self.profile.id;
		return {
			id: m.id,
			received,
			otherId: received ? m.requester_id : m.invitee_id,
			otherName: received ? m.requester_name : m.invitee_name,
			otherStructure: received ? m.requester_structure : m.invitee_structure,
			startsAt: m.starts_at,
			endsAt: m.ends_at,
			place: m.place,
			message: m.message,
			status: m.status as 'pending' | 'accepted' | 'declined'
		};
	});
}

/** The participant's accepted meetings as one iCalendar file (their personal programme's meetings). */
export async function myMeetingsIcs(ctx: ServiceContext, token: string, lang: Lang, now: Date = new Date()): Promise<string> {
	const self = await participantSelf(ctx, token, now);
	const cal = ical({ prodId: { company: 'maillage', product: 'maillage', language: 'FR' }, name: self.event?.title ?? '' });
	for (const m of await listMeetingsOf(ctx.db, self.profile.id)) {
		if (m.status !== 'accepted') continue;
		const other = m.invitee_id === self.profile.id ? m.requester_name : m.invitee_name;
		cal.createEvent({
			id: `${m.id}-meeting@maillage`,
			start: new Date(m.starts_at),
			end: new Date(m.ends_at),
			summary: translator(lang)('people.meetings.icsSummary', { name: other }),
			location: m.place || undefined
		});
	}
	return icsText(cal);
}

/** The participant's accepted meetings for their personal programme; none when they are not in the directory. */
export async function acceptedMeetingsOrNone(ctx: ServiceContext, token: string, now: Date = new Date()) {
	try {
		return (await listMyMeetings(ctx, token, now)).filter((m) => m.status === 'accepted');
	} catch (e) {
		if (e instanceof ForbiddenError) return [];
		throw e;
	}
}

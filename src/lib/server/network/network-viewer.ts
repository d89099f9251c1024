/**
 * Who looks at an event's network, and what they may see. A participant comes with their private
 * link's token and sees the directory only once they opted in themselves, while it is open; the
 * event's team sees it from the organiser pages (as the opt-in text says). Nobody else.
 */
import type { Actor } from '../auth/permissions.ts';
import { assertEventPermission } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import { hashToken, looksLikeManageToken } from '../registrations/registration.service.ts';
import { ForbiddenError, NotFoundError } from '../validation.ts';
import {
	findNetworkEvent,
	findNetworkSetting,
	findProfileByRegistration,
	findDirectoryProfileByUser,
	findRegistrationForNetwork,
	type NetworkEventRow,
	type NetworkRegistrationRow,
	type ProfileRow
} from './network.queries.ts';

/** Days the participant directory stays readable after the event ends, unless the organisers say otherwise. */
export const DEFAULT_OPEN_DAYS_AFTER = 90;

export type NetworkWho = { token: string } | { actor: Actor };

export interface ParticipantViewer {
	kind: 'participant';
	event: NetworkEventRow;
	registration: NetworkRegistrationRow;
	profile: ProfileRow | null;
}

export interface OrganiserViewer {
	kind: 'organiser';
	event: NetworkEventRow;
	canEdit: boolean;
}

export type EventViewer = ParticipantViewer | OrganiserViewer;

/** The event's network settings, with their defaults. */
export async function getNetworkSettings(db: DbOrTx, eventId: string): Promise<{ meetingPoint: string; openDaysAfter: number }> {
	const row = await findNetworkSetting(db, eventId);
	return { meetingPoint: row?.meeting_point ?? '', openDaysAfter: row?.open_days_after ?? DEFAULT_OPEN_DAYS_AFTER };
}

/** The last instant the participant directory is readable: the event's end plus the open period. */
export function directoryClosesAt(eventEndsAt: string, openDaysAfter: number): string {
	return new Date(Date.parse(eventEndsAt) + openDaysAfter * 86_400_000).toISOString();
}

/** The participant behind a private link, with their event and profile; NotFoundError for a bad token. */
export async function participantFromToken(db: DbOrTx, token: string): Promise<ParticipantViewer> {
	if (!looksLikeManageToken(token)) throw new NotFoundError('registration');
	const registration = await findRegistrationForNetwork(db, hashToken(token));
	if (!registration) throw new NotFoundError('registration');
	const event = await findNetworkEvent(db, { id: registration.event_id });
	if (!event) throw new NotFoundError('event');
	const profile = (await findProfileByRegistration(db, registration.id)) ?? null;
	return { kind: 'participant', event, registration, profile };
}

/**
 * The viewer of an event's network: a participant by token, or a member of the event's team
 * (`slug` required). NotFoundError for anyone else.
 */
export async function resolveEventViewer(db: DbOrTx, who: NetworkWho, slug?: string): Promise<EventViewer> {
	if ('token' in who) {
		const viewer = await participantFromToken(db, who.token);
		if (slug !== undefined && viewer.event.slug !== slug) throw new NotFoundError('event');
		return viewer;
	}
	if (slug === undefined) throw new NotFoundError('event');
	const event = await findNetworkEvent(db, { slug });
	if (!event) throw new NotFoundError('event');
	const role = await assertEventPermission(db, event.id, who.actor, 'view');
	return { kind: 'organiser', event, canEdit: role !== 'readonly' };
}

/**
 * Throws unless the viewer may read the people of the event's directory: the team always; a
 * participant once opted in, not cancelled, and until the directory closes.
 */
export async function assertDirectoryReadable(db: DbOrTx, viewer: EventViewer, now: Date): Promise<void> {
	if (viewer.kind === 'organiser') return;
	if (!viewer.profile || viewer.registration.status === 'cancelled') throw new ForbiddenError('not-opted-in');
	const { openDaysAfter } = await getNetworkSettings(db, viewer.event.id);
	if (now.toISOString() > directoryClosesAt(toIso(viewer.event.ends_at), openDaysAfter)) throw new ForbiddenError('directory-closed');
}

/**
 * The person acting in a network, with their own entry: a participant who opted in (while their
 * event's directory is open) or a signed-in person who opted in to the territory's directory.
 * `eventId` is the scope of what they see: their event's people, or (null) the signed-in people's.
 */
export interface NetworkSelf {
	profile: ProfileRow;
	eventId: string | null;
	event: NetworkEventRow | null;
}

export async function resolveSelf(db: DbOrTx, who: NetworkWho, now: Date): Promise<NetworkSelf> {
	if ('token' in who) {
		const viewer = await participantFromToken(db, who.token);
		await assertDirectoryReadable(db, viewer, now);
		return { profile: viewer.profile!, eventId: viewer.event.id, event: viewer.event };
	}
	if (!who.actor) throw new NotFoundError('user');
	const profile = await findDirectoryProfileByUser(db, who.actor.id);
	if (!profile) throw new ForbiddenError('not-opted-in');
	return { profile, eventId: null, event: null };
}

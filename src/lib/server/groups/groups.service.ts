/**
 * Working groups: a workshop or a theme continued until the next edition. The event's team
 * creates and edits them (title, purpose, the session they continue, status, next meeting) and
 * names coordinators among the members. Participants who opted in to the event's directory join
 * and leave them from their private link, the team's members as themselves from the group's team
 * page (account-member.service.ts); members read each other's names (never an address) and
 * add notes and resources. A closed group takes no new member.
 *
 * Groups outlive the participant directory: it closes some months after the event, while a group
 * goes on until the next edition, so a member's private link keeps opening their groups (what
 * they see there is the group's own members, who all joined it).
 */
import ical from 'ical-generator';
import type { Actor, EventAction } from '../auth/permissions.ts';
import { assertEventPermission } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { newRowId } from '../db/row-id.ts';
import { toIso } from '../db/time.ts';
import { icsText } from '../icalendar.ts';
import { findNetworkEvent, findProfileByUser, type NetworkEventRow } from '../network/network.queries.ts';
import { participantFromToken, type ParticipantViewer } from '../network/network-viewer.ts';
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { toParisIso } from '../../time.ts';
import type { GroupNextStatus, GroupRole, GroupStatus } from '../../ui/network/vocabulary.ts';
import {
	deleteMember,
	deleteNoteRow,
	findEventSession,
	findGroup,
	findMembership,
	findNote,
	insertGroup,
	insertMember,
	insertNote,
	listEventGroups,
	listEventSessions,
	listGroupMembers,
	listGroupNotes,
	listMembershipsOf,
	listSessionGroups,
	setMemberRole,
	updateGroupRow,
	type GroupRow
} from './groups.queries.ts';
import { coordinatorInputSchema, groupInputSchema, noteInputSchema, type GroupInput, type GroupView } from './groups.schema.ts';

/** Length of the next meeting when the team gives a date without one. */
export const DEFAULT_MEETING_MINUTES = 60;

export interface MemberView {
	profileId: string;
	name: string;
	structureName: string;
	role: GroupRole;
	mine: boolean;
}

export interface NoteView {
	id: string;
	title: string;
	body: string;
	url: string | null;
	/** The author's directory name; null once they left the directory. */
	authorName: string | null;
	createdAt: string;
	canDelete: boolean;
}

export function toGroupView(row: GroupRow): GroupView {
	return {
		id: row.id,
		title: row.title,
		purpose: row.purpose,
		status: row.status as GroupStatus,
		session: row.session_id && row.session_title !== null ? { id: row.session_id, title: row.session_title } : null,
		nextMeeting: row.next_meeting_at
			? {
					startsAt: toParisIso(row.next_meeting_at),
					minutes: row.next_meeting_minutes ?? DEFAULT_MEETING_MINUTES,
					place: row.next_meeting_place
				}
			: null,
		members: Number(row.member_count ?? 0),
		coordinators: Number(row.coordinator_count ?? 0),
		notes: Number(row.note_count ?? 0),
		nextStatus: (row.next_status || null) as GroupNextStatus | null,
		outputs: row.outputs,
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
		version: Number(row.version)
	};
}

// ---------------------------------------------------------------------------------------------
// The event's team

export async function teamEvent(ctx: ServiceContext, actor: Actor, slug: string, action: EventAction) {
	const event = await findNetworkEvent(ctx.db, { slug });
	if (!event) throw new NotFoundError('event');
	const role = await assertEventPermission(ctx.db, event.id, actor, action);
	return { event, canEdit: role !== 'readonly' };
}

/** The group, only when it belongs to `event` (another event's group does not exist here). */
export async function groupOf(ctx: ServiceContext, event: Pick<NetworkEventRow, 'id'>, groupId: string): Promise<GroupRow> {
	const group = await findGroup(ctx.db, groupId);
	if (!group || group.event_id !== event.id) throw new NotFoundError('group');
	return group;
}

/** The session must be one of the event's; a next meeting's length and place need its date. */
async function checkGroupInput(ctx: ServiceContext, eventId: string, input: GroupInput): Promise<void> {
	const issues = [];
	if (input.sessionId && !(await findEventSession(ctx.db, eventId, input.sessionId)))
		issues.push({ field: 'sessionId', message: 'groups.errors.unknownSession' });
	if (!input.nextMeetingAt && input.nextMeetingMinutes !== null)
		issues.push({ field: 'nextMeetingAt', message: 'groups.errors.meetingDateRequired' });
	if (issues.length) throw new ValidationError(issues);
}

function groupFields(input: GroupInput) {
	return {
		session_id: input.sessionId,
		title: input.title,
		purpose: input.purpose,
		status: input.status,
		next_meeting_at: input.nextMeetingAt,
		next_meeting_minutes: input.nextMeetingAt ? (input.nextMeetingMinutes ?? DEFAULT_MEETING_MINUTES) : null,
		next_meeting_place: input.nextMeetingPlace,
		next_status: input.nextStatus ?? '',
		outputs: input.outputs
	};
}

/** The event's groups for its team (and the API). */
export async function listWorkingGroups(ctx: ServiceContext, actor: Actor, slug: string): Promise<GroupView[]> {
	const { event } = await teamEvent(ctx, actor, slug, 'view');
	return (await listEventGroups(ctx.db, event.id)).map(toGroupView);
}

/** The team's list page: the groups, whether the viewer may edit, and the sessions a new group may continue. */
export async function getTeamGroupsPage(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, canEdit } = await teamEvent(ctx, actor, slug, 'view');
	const [groups, sessions] = await Promise.all([listEventGroups(ctx.db, event.id), listEventSessions(ctx.db, event.id)]);
	return { canEdit, groups: groups.map(toGroupView), sessions: sessions.map((s) => ({ id: s.id, title: s.title, format: s.format })) };
}

/** Creates a group for the event (permission `edit`); ValidationError for a session of another event. */
export async function createGroup(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	now: Date = new Date()
): Promise<GroupView> {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const parsed = parseOrThrow(groupInputSchema, input);
	await checkGroupInput(ctx, event.id, parsed);
	const id = newRowId();
	const at = now.toISOString();
	await insertGroup(ctx.db, {
		id,
		event_id: event.id,
		...groupFields(parsed),
		created_at: at,
		updated_at: at,
		meeting_changed_at: parsed.nextMeetingAt ? at : null,
		status_changed_at: null
	});
	return toGroupView(await groupOf(ctx, event, id));
}

/**
 * Replaces a group's fields (permission `edit`); its members and notes stay. With `version` (form,
 * If-Match): StaleVersionError and nothing written when the group changed since it was loaded.
 */
export async function updateGroup(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	groupId: string,
	input: unknown,
	now: Date = new Date(),
	version?: ExpectedVersion
): Promise<GroupView> {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const before = await groupOf(ctx, event, groupId);
	const versions = versionsToWrite(version, Number(before.version));
	const parsed = parseOrThrow(groupInputSchema, input);
	await checkGroupInput(ctx, event.id, parsed);
	const fields = groupFields(parsed);
	const at = now.toISOString();
	// The weekly digest tells members of a new meeting and of a status change.
	const meetingChanged =
		(before.next_meeting_at ? toIso(before.next_meeting_at) : null) !== (fields.next_meeting_at ? toIso(fields.next_meeting_at) : null) ||
		before.next_meeting_place !== fields.next_meeting_place;
	const written = await updateGroupRow(
		ctx.db,
		groupId,
		{
			...fields,
			updated_at: at,
			...(meetingChanged && fields.next_meeting_at ? { meeting_changed_at: at } : {}),
			...(before.status !== fields.status ? { status_changed_at: at } : {})
		},
		versions
	);
	if (!written) {
		const stored = await findGroup(ctx.db, groupId);
		throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
	}
	return toGroupView(await groupOf(ctx, event, groupId));
}

/** The API's PATCH: the fields sent replace the group's, the others stay as they are (see updateGroup). */
export async function patchGroup(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	groupId: string,
	body: unknown,
	version?: ExpectedVersion
): Promise<GroupView> {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const g = toGroupView(await groupOf(ctx, event, groupId));
	const current = {
		title: g.title,
		purpose: g.purpose,
		sessionId: g.session?.id ?? null,
		status: g.status,
		nextMeetingAt: g.nextMeeting?.startsAt ?? null,
		nextMeetingMinutes: g.nextMeeting?.minutes ?? null,
		nextMeetingPlace: g.nextMeeting?.place ?? '',
		nextStatus: g.nextStatus,
		outputs: g.outputs
	};
	let input = body;
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		// No meeting any more: its length goes with it unless the body gives one (then refused).
		const noMeeting = 'nextMeetingAt' in body && !(body as { nextMeetingAt?: unknown }).nextMeetingAt;
		input = { ...current, ...(noMeeting ? { nextMeetingMinutes: null } : {}), ...body };
	}
	return updateGroup(ctx, actor, slug, groupId, input, new Date(), version);
}

/** One group of the event for its team and the API (permission `view`). */
export async function getWorkingGroup(ctx: ServiceContext, actor: Actor, slug: string, groupId: string): Promise<GroupView> {
	const { event } = await teamEvent(ctx, actor, slug, 'view');
	return toGroupView(await groupOf(ctx, event, groupId));
}

function noteViews(rows: Awaited<ReturnType<typeof listGroupNotes>>, canDelete: (authorId: string | null) => boolean): NoteView[] {
	return rows.map((n) => ({
		id: n.id,
		title: n.title,
		body: n.body,
		url: n.url,
		authorName: n.author_name ?? null,
		createdAt: toIso(n.created_at),
		canDelete: canDelete(n.author_profile_id)
	}));
}

/** One group for the team: its fields, members (names and structures, as in the directory) and notes. */
export async function getGroupForTeam(ctx: ServiceContext, actor: Actor, slug: string, groupId: string) {
	const { event, canEdit } = await teamEvent(ctx, actor, slug, 'view');
	const group = await groupOf(ctx, event, groupId);
	const [members, notes, sessions, self] = await Promise.all([
		listGroupMembers(ctx.db, group.id),
		listGroupNotes(ctx.db, group.id),
		listEventSessions(ctx.db, event.id),
		findProfileByUser(ctx.db, actor!.id)
	]);
	return {
		canEdit,
		group: toGroupView(group),
		sessions: sessions.map((s) => ({ id: s.id, title: s.title, format: s.format })),
		members: members.map((m): MemberView => ({
			profileId: m.profile_id,
			name: m.display_name,
			structureName: m.structure_name,
			role: m.role as GroupRole,
			mine: m.profile_id === self?.id
		})),
		notes: noteViews(notes, () => canEdit)
	};
}

/** The team names (or unnames) a coordinator among the group's members; NotFoundError for a non-member. */
export async function setCoordinator(ctx: ServiceContext, actor: Actor, slug: string, groupId: string, input: unknown): Promise<void> {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const group = await groupOf(ctx, event, groupId);
	const parsed = parseOrThrow(coordinatorInputSchema, input);
	if ((await setMemberRole(ctx.db, group.id, parsed.profileId, parsed.coordinator ? 'coordinator' : 'member')) === 0)
		throw new NotFoundError('member');
}

/** The team removes any note of a group (moderation). */
export async function deleteTeamNote(ctx: ServiceContext, actor: Actor, slug: string, groupId: string, noteId: string): Promise<void> {
	const { event } = await teamEvent(ctx, actor, slug, 'edit');
	const group = await groupOf(ctx, event, groupId);
	if (!(await findNote(ctx.db, group.id, noteId))) throw new NotFoundError('note');
	await deleteNoteRow(ctx.db, noteId);
}

// ---------------------------------------------------------------------------------------------
// Participants, through their private link

/** The participant behind the link, once in the directory and not cancelled; ForbiddenError otherwise. */
export async function member(
	ctx: ServiceContext,
	token: string
): Promise<ParticipantViewer & { profile: NonNullable<ParticipantViewer['profile']> }> {
	const viewer = await participantFromToken(ctx.db, token);
	if (!viewer.profile || viewer.registration.status === 'cancelled') throw new ForbiddenError('not-opted-in');
	return viewer as ParticipantViewer & { profile: NonNullable<ParticipantViewer['profile']> };
}

/** The event's groups for an opted-in participant, each with their part in it (null: not a member). */
export async function listGroupsForParticipant(ctx: ServiceContext, token: string) {
	const viewer = await member(ctx, token);
	const [groups, mine] = await Promise.all([listEventGroups(ctx.db, viewer.event.id), listMembershipsOf(ctx.db, viewer.profile.id)]);
	const roles = new Map(mine.map((m) => [m.group_id, m.role as GroupRole]));
	return { groups: groups.map((g) => ({ ...toGroupView(g), myRole: roles.get(g.id) ?? null })) };
}

/**
 * One group for an opted-in participant: what it is, and for its members the other members
 * (names and structures) and the notes. Non-members see the group, not its people.
 */
export async function getGroupForParticipant(ctx: ServiceContext, token: string, groupId: string) {
	const viewer = await member(ctx, token);
	return memberPage(ctx, await groupOf(ctx, viewer.event, groupId), viewer.profile.id);
}

/** A group as `self` (a network profile: a participant's or an account's) sees it: its people and notes once a member. */
export async function memberPage(ctx: ServiceContext, group: GroupRow, self: string) {
	const membership = await findMembership(ctx.db, group.id, self);
	const myRole = (membership?.role as GroupRole | undefined) ?? null;
	if (!myRole) return { group: toGroupView(group), myRole, members: null, notes: null };
	const [members, notes] = await Promise.all([listGroupMembers(ctx.db, group.id), listGroupNotes(ctx.db, group.id)]);
	return {
		group: toGroupView(group),
		myRole,
		members: members.map((m): MemberView => ({
			profileId: m.profile_id,
			name: m.display_name,
			structureName: m.structure_name,
			role: m.role as GroupRole,
			mine: m.profile_id === self
		})),
		notes: noteViews(notes, (authorId) => authorId === self || myRole === 'coordinator')
	};
}

/** The participant joins a group of their event; ConflictError when it is closed. Joining twice changes nothing. */
export async function joinGroup(ctx: ServiceContext, token: string, groupId: string, now: Date = new Date()): Promise<void> {
	const viewer = await member(ctx, token);
	const group = await groupOf(ctx, viewer.event, groupId);
	if (group.status !== 'active') throw new ConflictError([{ field: '_', message: 'groups.errors.closed' }]);
	await insertMember(ctx.db, group.id, viewer.profile.id, now.toISOString());
}

/** The participant leaves a group; their notes stay, under their name while they are in the directory. */
export async function leaveGroup(ctx: ServiceContext, token: string, groupId: string): Promise<void> {
	const viewer = await member(ctx, token);
	const group = await groupOf(ctx, viewer.event, groupId);
	await deleteMember(ctx.db, group.id, viewer.profile.id);
}

/** A member (or coordinator) adds a note or resource; ForbiddenError for anyone else. */
export async function addNote(ctx: ServiceContext, token: string, groupId: string, input: unknown, now: Date = new Date()) {
	const viewer = await member(ctx, token);
	return addMemberNote(ctx, await groupOf(ctx, viewer.event, groupId), viewer.profile.id, input, now);
}

/** The note of `profileId` in `group`, once it is a member of it (ForbiddenError otherwise); a participant's or an account's. */
export async function addMemberNote(ctx: ServiceContext, group: Pick<GroupRow, 'id'>, profileId: string, input: unknown, now: Date) {
	if (!(await findMembership(ctx.db, group.id, profileId))) throw new ForbiddenError('not-a-member');
	const parsed = parseOrThrow(noteInputSchema, input);
	const id = newRowId();
	await insertNote(ctx.db, { id, group_id: group.id, author_profile_id: profileId, ...parsed, created_at: now.toISOString() });
	return { id };
}

/** Its author, or a coordinator of the group, removes a note; ForbiddenError for other members. */
export async function deleteNote(ctx: ServiceContext, token: string, groupId: string, noteId: string): Promise<void> {
	const viewer = await member(ctx, token);
	await deleteMemberNote(ctx, await groupOf(ctx, viewer.event, groupId), viewer.profile.id, noteId);
}

/** `profileId`, a member of `group`, removes a note of theirs (any note, as its coordinator); a participant's or an account's. */
export async function deleteMemberNote(ctx: ServiceContext, group: Pick<GroupRow, 'id'>, profileId: string, noteId: string): Promise<void> {
	const membership = await findMembership(ctx.db, group.id, profileId);
	const note = await findNote(ctx.db, group.id, noteId);
	if (!membership || !note) throw new NotFoundError('note');
	if (note.author_profile_id !== profileId && membership.role !== 'coordinator') throw new ForbiddenError('not-the-author');
	await deleteNoteRow(ctx.db, noteId);
}

// ---------------------------------------------------------------------------------------------
// Both, and the public

/** The group's next meeting as an iCalendar file, for whoever may see the group; NotFoundError when none is set. */
export function nextMeetingCalendar(group: GroupRow, eventTitle: string): string {
	if (!group.next_meeting_at) throw new NotFoundError('meeting');
	const cal = ical({ prodId: { company: 'maillage', product: 'maillage', language: 'FR' }, name: eventTitle });
	const start = new Date(toIso(group.next_meeting_at));
	cal.createEvent({
		id: `${group.id}-next-meeting@maillage`,
		start,
		end: new Date(start.getTime() + (group.next_meeting_minutes ?? DEFAULT_MEETING_MINUTES) * 60_000),
		summary: group.title,
		description: group.purpose || undefined,
		location: group.next_meeting_place || undefined
	});
	return icsText(cal);
}

/** The group's next meeting as an iCalendar file, for an opted-in participant; NotFoundError when none is set. */
export async function nextMeetingIcsForParticipant(ctx: ServiceContext, token: string, groupId: string): Promise<string> {
	const viewer = await member(ctx, token);
	return nextMeetingCalendar(await groupOf(ctx, viewer.event, groupId), viewer.event.title);
}

/** The same for the event's team. */
export async function nextMeetingIcsForTeam(ctx: ServiceContext, actor: Actor, slug: string, groupId: string): Promise<string> {
	const { event } = await teamEvent(ctx, actor, slug, 'view');
	return nextMeetingCalendar(await groupOf(ctx, event, groupId), event.title);
}

/** Active groups continuing a session, for its public page: what they are, never who is in them. */
export async function listPublicSessionGroups(ctx: ServiceContext, sessionId: string) {
	return listSessionGroups(ctx.db, sessionId);
}

/**
 * The programme as one read model (rooms, sessions with their speakers and resources, speakers),
 * loaded in a constant number of queries whatever its size, for the team (everything, with the
 * warnings) or for the public (published events; no private speaker data, no unpublished synthesis).
 */
import type { z } from 'zod';
import type { Lang } from '../../i18n/index.ts';
import { dayOf as parisDay, parisIsoOf as toParisIso } from '../../ui/programme/paris-time.ts';
import { assertEventPermission, getEventRole, roleAllows, type Actor, type EventRole } from '../auth/permissions.ts';
import { nowIso, toIso } from '../db/time.ts';
import { findEventBySlug, listOrganisersByEvent, type EventRow } from '../events/event.queries.ts';
import { toEventView, type EventView, type ServiceContext } from '../events/event.service.ts';
import { NotFoundError } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { findConflicts, type Conflict } from './conflicts.ts';
import {
	listResourceRows,
	listRoomRows,
	listSessionRows,
	listSessionSpeakerRows,
	listSpeakerRows,
	findStoredFile,
	updateEventMinBreak,
	type ResourceRow,
	type RoomRow,
	type SessionRow,
	type SessionSpeakerRow,
	type SpeakerRow
} from './programme.queries.ts';
import {
	parseProgramme,
	programmeSettingsSchema,
	publicSpeakerViewSchema,
	roomViewSchema,
	sessionViewSchema,
	speakerViewSchema,
	type AudienceCategory,
	type ResourceKind,
	type SessionFormat,
	type SpeakerPart,
	type SpeakerStatus
} from './programme.schema.ts';

export type RoomView = z.output<typeof roomViewSchema>;
export type PublicSpeakerView = z.output<typeof publicSpeakerViewSchema>;
export type SpeakerView = z.output<typeof speakerViewSchema>;
export type ResourceView = { id: string; kind: ResourceKind; title: string; url: string; filename: string | null; size: number | null };
export type SessionView = z.output<typeof sessionViewSchema> & { resources: ResourceView[] };

export type ProgrammeEvent = EventView & { minBreakMinutes: number; role: EventRole | 'admin' | null };

export interface Programme<S extends PublicSpeakerView = PublicSpeakerView> {
	event: ProgrammeEvent;
	/** Paris days the event covers, `YYYY-MM-DD`, in order. */
	days: string[];
	rooms: RoomView[];
	/** In time order (start, then title). */
	sessions: SessionView[];
	/** By name. */
	speakers: S[];
}

export type TeamProgramme = Programme<SpeakerView> & { conflicts: Conflict[] };

const base = (ctx: ServiceContext) => ctx.publicUrl.replace(/\/$/, '');

/** Path (from the site's root) of a stored file: portraits and documents. */
export function filePath(slug: string, fileId: string): string {
	return `/e/${slug}/programme/fichiers/${fileId}`;
}

export function sessionPath(slug: string, id: string): string {
	return `/e/${slug}/programme/${id}`;
}

export function speakerPath(slug: string, id: string): string {
	return `/e/${slug}/intervenants/${id}`;
}

export function toRoomView(r: RoomRow): RoomView {
	return {
		id: r.id,
		name: r.name,
		capacity: r.capacity === null ? null : Number(r.capacity),
		accessibilityNotes: r.accessibility_notes,
		position: Number(r.position),
		version: Number(r.version)
	};
}

export function toPublicSpeakerView(ctx: ServiceContext, slug: string, r: SpeakerRow): PublicSpeakerView {
	return {
		id: r.id,
		name: r.name,
		organisation: r.organisation,
		roleTitle: r.role_title,
		bio: r.bio,
		portraitUrl: r.portrait_file_id ? `${base(ctx)}${filePath(slug, r.portrait_file_id)}` : null,
		portraitAlt: r.portrait_alt,
		url: `${base(ctx)}${speakerPath(slug, r.id)}`
	};
}

export function toSpeakerView(ctx: ServiceContext, slug: string, r: SpeakerRow, sessionIds: string[]): SpeakerView {
	return {
		...toPublicSpeakerView(ctx, slug, r),
		email: r.email,
		status: r.status as SpeakerStatus,
		travelCostCents: r.travel_cost_cents === null ? null : Number(r.travel_cost_cents),
		invitedAt: toIso(r.invited_at ?? null),
		respondedAt: toIso(r.responded_at ?? null),
		sessionIds,
		createdAt: toIso(r.created_at),
		updatedAt: toIso(r.updated_at),
		version: Number(r.version)
	};
}

interface Parts {
	rooms: RoomRow[];
	sessions: SessionRow[];
	links: SessionSpeakerRow[];
	speakers: SpeakerRow[];
	resources: ResourceRow[];
}

/** The five lists of an event's programme: one query each, whatever the number of sessions. */
async function loadParts(ctx: ServiceContext, eventId: string): Promise<Parts> {
	const [rooms, sessions, links, speakers, resources] = await Promise.all([
		listRoomRows(ctx.db, eventId),
		listSessionRows(ctx.db, eventId),
		listSessionSpeakerRows(ctx.db, eventId),
		listSpeakerRows(ctx.db, eventId),
		listResourceRows(ctx.db, eventId)
	]);
	return { rooms, sessions, links, speakers, resources };
}

function toResourceView(ctx: ServiceContext, slug: string, r: ResourceRow): ResourceView {
	const url = r.file_id ? `${base(ctx)}${filePath(slug, r.file_id)}` : (r.url ?? '');
	return {
		id: r.id,
		kind: r.kind as ResourceKind,
		title: r.title,
		url,
		filename: r.filename,
		size: r.file_size === null ? null : Number(r.file_size)
	};
}

function assemble(ctx: ServiceContext, event: ProgrammeEvent, parts: Parts, audience: 'team' | 'public') {
	const slug = event.slug;
	const speakerRows = new Map(parts.speakers.map((s) => [s.id, s]));
	const visible = (s: SpeakerRow | undefined) => !!s && (audience === 'team' || s.status === 'confirmed');
	const linksBySession = new Map<string, SessionSpeakerRow[]>();
	for (const l of parts.links) linksBySession.set(l.session_id, [...(linksBySession.get(l.session_id) ?? []), l]);
	const resourcesBySession = new Map<string, ResourceView[]>();
	for (const r of parts.resources)
		resourcesBySession.set(r.session_id, [...(resourcesBySession.get(r.session_id) ?? []), toResourceView(ctx, slug, r)]);
	const rooms = parts.rooms.map(toRoomView);
	const roomById = new Map(rooms.map((r) => [r.id, r]));
	const sessionIdsBySpeaker = new Map<string, string[]>();
	const sessions: SessionView[] = parts.sessions.map((s) => {
		const links = (linksBySession.get(s.id) ?? []).filter((l) => visible(speakerRows.get(l.speaker_id)));
		for (const l of links) sessionIdsBySpeaker.set(l.speaker_id, [...(sessionIdsBySpeaker.get(l.speaker_id) ?? []), s.id]);
		const room = s.room_id ? roomById.get(s.room_id) : undefined;
		const published = Number(s.synthesis_published) === 1;
		return {
			id: s.id,
			title: s.title,
			format: s.format as SessionFormat,
			description: s.description,
			themes: JSON.parse(s.themes) as string[],
			startsAt: toParisIso(toIso(s.starts_at)),
			endsAt: toParisIso(toIso(s.ends_at)),
			roomId: s.room_id,
			room: room ? { id: room.id, name: room.name } : null,
			speakerIds: links.map((l) => l.speaker_id),
			speakers: links.map((l) => {
				const sp = speakerRows.get(l.speaker_id)!;
				return { speakerId: sp.id, part: l.part as SpeakerPart, name: sp.name, organisation: sp.organisation, roleTitle: sp.role_title };
			}),
			audience: JSON.parse(s.audience) as AudienceCategory[],
			expectedAttendance: s.expected_attendance === null ? null : Number(s.expected_attendance),
			capacity: s.capacity === null ? null : Number(s.capacity),
			requiresRegistration: Number(s.requires_registration) === 1,
			resources: resourcesBySession.get(s.id) ?? [],
			synthesis: audience === 'team' || published ? s.synthesis : '',
			synthesisPublished: published,
			url: `${base(ctx)}${sessionPath(slug, s.id)}`,
			version: Number(s.version)
		};
	});
	return { rooms, sessions, sessionIdsBySpeaker, speakerRows: parts.speakers.filter((s) => visible(s)) };
}

/** Every Paris day from the event's first to its last. */
export function eventDays(startsAt: string, endsAt: string): string[] {
	const days: string[] = [];
	const last = parisDay(endsAt);
	for (let d = parisDay(startsAt); d <= last && days.length < 31;) {
		days.push(d);
		const next = new Date(`${d}T12:00:00Z`);
		next.setUTCDate(next.getUTCDate() + 1);
		d = next.toISOString().slice(0, 10);
	}
	return days;
}

async function programmeEvent(ctx: ServiceContext, row: EventRow, role: EventRole | 'admin' | null): Promise<ProgrammeEvent> {
	const organisers = await listOrganisersByEvent(ctx.db, [row.id]);
	return { ...toEventView(row, organisers.get(row.id) ?? [], ctx.publicUrl), minBreakMinutes: Number(row.min_break_minutes), role };
}

/**
 * When a day of the event ends, for the warnings: the time the event ends, and never before
 * 18:00 (the grid's usual end), since a first day often runs later than a last half-day.
 */
export function dayEndOf(eventEndsAt: string): string {
	const end = toParisIso(eventEndsAt).slice(11, 16);
	return end > '18:00' ? end : '18:00';
}

/** The ScheduleInput of the conflicts module from a loaded programme. */
export function scheduleOf(p: Programme<PublicSpeakerView>) {
	return {
		sessions: p.sessions.map((s) => ({
			id: s.id,
			title: s.title,
			format: s.format,
			startsAt: new Date(s.startsAt).toISOString(),
			endsAt: new Date(s.endsAt).toISOString(),
			roomId: s.roomId,
			expectedAttendance: s.expectedAttendance,
			capacity: s.capacity,
			audience: s.audience,
			speakerIds: s.speakerIds
		})),
		rooms: p.rooms,
		speakers: p.speakers,
		minBreakMinutes: p.event.minBreakMinutes,
		dayEnd: dayEndOf(p.event.endsAt)
	};
}

async function teamProgrammeOf(ctx: ServiceContext, row: EventRow, role: EventRole | 'admin', lang: Lang): Promise<TeamProgramme> {
	const [event, parts] = await Promise.all([programmeEvent(ctx, row, role), loadParts(ctx, row.id)]);
	const { rooms, sessions, sessionIdsBySpeaker, speakerRows } = assemble(ctx, event, parts, 'team');
	const programme = {
		event,
		days: eventDays(event.startsAt, event.endsAt),
		rooms,
		sessions,
		speakers: speakerRows.map((s) => toSpeakerView(ctx, row.slug, s, sessionIdsBySpeaker.get(s.id) ?? []))
	};
	return { ...programme, conflicts: findConflicts(scheduleOf(programme), lang) };
}

async function publicProgrammeOf(ctx: ServiceContext, row: EventRow, role: EventRole | 'admin' | null): Promise<Programme> {
	const [event, parts] = await Promise.all([programmeEvent(ctx, row, role), loadParts(ctx, row.id)]);
	const { rooms, sessions, speakerRows } = assemble(ctx, event, parts, 'public');
	return {
		event,
		days: eventDays(event.startsAt, event.endsAt),
		rooms,
		sessions,
		speakers: speakerRows.map((s) => toPublicSpeakerView(ctx, row.slug, s))
	};
}

/**
 * The whole programme for the event's team (NotFoundError for anyone else), with every warning
 * in `lang`. Constant number of queries.
 */
export async function getTeamProgramme(ctx: ServiceContext, actor: Actor, slug: string, lang: Lang = 'fr'): Promise<TeamProgramme> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	const role = await assertEventPermission(ctx.db, row.id, actor, 'view');
	return teamProgrammeOf(ctx, row, role, lang);
}

/**
 * The programme as visitors see it: published (or archived) events for everyone, drafts only for
 * their team (NotFoundError otherwise). Speakers who have not confirmed (invited or declined) and
 * unpublished syntheses are left out.
 * Constant number of queries, whatever the number of sessions.
 */
export async function getPublicProgramme(ctx: ServiceContext, viewer: Actor, slug: string): Promise<Programme> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	const role = await getEventRole(ctx.db, row.id, viewer);
	if (row.status === 'draft' && !roleAllows(role, 'view')) throw new NotFoundError('event');
	return publicProgrammeOf(ctx, row, role);
}

/**
 * The programme as the API gives it to this caller: the team's view (private fields, warnings)
 * for its members, the public view for anyone else once the event is published.
 */
export async function getProgrammeForViewer(
	ctx: ServiceContext,
	viewer: Actor,
	slug: string,
	lang: Lang = 'fr'
): Promise<({ team: true } & TeamProgramme) | ({ team: false } & Programme)> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	const role = await getEventRole(ctx.db, row.id, viewer);
	if (role && roleAllows(role, 'view')) return { team: true, ...(await teamProgrammeOf(ctx, row, role, lang)) };
	if (row.status === 'draft') throw new NotFoundError('event');
	return { team: false, ...(await publicProgrammeOf(ctx, row, role)) };
}

/**
 * An uploaded file of the event (portrait, document) for download: anyone once the event is
 * published, only its team before. `cacheable` says whether shared caches may keep it.
 */
export async function getStoredFile(ctx: ServiceContext, viewer: Actor, slug: string, fileId: string) {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row || !/^[0-9a-f-]{36}$/.test(fileId)) throw new NotFoundError('file');
	if (row.status === 'draft' && !roleAllows(await getEventRole(ctx.db, row.id, viewer), 'view')) throw new NotFoundError('file');
	const file = await findStoredFile(ctx.db, row.id, fileId);
	if (!file) throw new NotFoundError('file');
	return { file: { ...file, size: Number(file.size), data: Buffer.from(file.data) }, cacheable: row.status !== 'draft' };
}

/** The warnings of the event's programme, for its team only. */
export async function listConflicts(ctx: ServiceContext, actor: Actor, slug: string, lang: Lang = 'fr'): Promise<Conflict[]> {
	return (await getTeamProgramme(ctx, actor, slug, lang)).conflicts;
}

/** The programme's settings as its page shows them; the event's team only. */
export async function getProgrammeSettings(
	ctx: ServiceContext,
	actor: Actor,
	slug: string
): Promise<{ minBreakMinutes: number; version: number }> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, row.id, actor, 'view');
	return { minBreakMinutes: Number(row.min_break_minutes), version: Number(row.version) };
}

/**
 * Changes the shortest break wanted between two sessions (`no-breathing-time`); team members who
 * may edit only. The setting is the event's: with `version` (the form's hidden field) it is written
 * only while the event still has that version (StaleVersionError, nothing written, otherwise).
 */
export async function updateProgrammeSettings(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<{ minBreakMinutes: number; version: number }> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, row.id, actor, 'edit');
	const versions = versionsToWrite(version, Number(row.version));
	const { minBreakMinutes } = parseProgramme(programmeSettingsSchema, input);
	if (!(await updateEventMinBreak(ctx.db, row.id, minBreakMinutes, nowIso(), versions))) {
		const now = await findEventBySlug(ctx.db, slug);
		throw new StaleVersionError(now ? Number(now.version) : null, version !== undefined);
	}
	return { minBreakMinutes, version: versions[0] + 1 };
}

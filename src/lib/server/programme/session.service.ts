/**
 * Sessions: create, change, move, resize, delete, and their resources. A session lies within the
 * event, ends after it starts and on the same day, in one of the event's rooms, with the event's
 * own speakers and axes; anything else is a ValidationError and nothing is written. Warnings
 * (conflicts.ts) never block a save: they come back with the saved session.
 */
import type { Lang } from '../../i18n/index.ts';
import { rangeOf as formatRange, dayOf as parisDay } from '../../ui/programme/paris-time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import { findEventBySlug, type EventRow } from '../events/event.queries.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { withTx } from '../tx.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import {
	deleteResourceRow,
	deleteSessionRow,
	deleteStoredFile,
	findResourceRow,
	findSessionRow,
	insertResource,
	insertSession,
	insertStoredFile,
	listResourceRows,
	listRoomRows,
	listSpeakersOfSession,
	listSpeakerRows,
	nextResourcePosition,
	replaceSessionSpeakers,
	updateSessionRow,
	type SessionRow
} from './programme.queries.ts';
import {
	FORMAT_DEFAULT_MINUTES,
	parseProgramme,
	resourceLinkSchema,
	sessionCreateSchema,
	sessionPatchSchema,
	type SessionFormat,
	type SpeakerPart
} from './programme.schema.ts';
import { getTeamProgramme, type ResourceView, type SessionView } from './programme.service.ts';
import { checkDocument, type Upload } from './uploads.ts';
import type { Conflict } from './conflicts.ts';
import { NUDGES, NUDGE_MINUTES, type Nudge } from '../../ui/programme/vocabulary.ts';
import { refillSession } from '../registrations/registration-settings.service.ts';

const MINUTE = 60_000;
export { NUDGES, NUDGE_MINUTES, type Nudge };

export type SavedSession = SessionView & { warnings: Conflict[] };

async function eventFor(db: DbOrTx, actor: Actor, slug: string, action: 'view' | 'edit'): Promise<EventRow> {
	const event = await findEventBySlug(db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(db, event.id, actor, action);
	return event;
}

/** What a session becomes once a create or a patch is applied; checked as a whole before writing. */
interface SessionState {
	title: string;
	format: SessionFormat;
	description: string;
	themes: string[];
	startsAt: string;
	endsAt: string;
	roomId: string | null;
	speakers: { speakerId: string; part: SpeakerPart }[];
	speakersField: 'speakers' | 'speakerIds';
	audience: string[];
	expectedAttendance: number | null;
	capacity: number | null;
	requiresRegistration: boolean;
	synthesis: string;
	synthesisPublished: boolean;
}

const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MINUTE).toISOString();

function speakersOf(input: { speakers?: { speakerId: string; part: SpeakerPart }[]; speakerIds?: string[] }) {
	if (input.speakers) return { speakers: input.speakers, speakersField: 'speakers' as const };
	if (input.speakerIds)
		return {
			speakers: input.speakerIds.map((speakerId) => ({ speakerId, part: 'speaker' as const })),
			speakersField: 'speakerIds' as const
		};
	return null;
}

/** Every problem of a session against its event, its rooms and its speakers. */
async function checkSession(db: DbOrTx, event: EventRow, s: SessionState): Promise<FieldIssue[]> {
	const issues: FieldIssue[] = [];
	const start = Date.parse(s.startsAt);
	const end = Date.parse(s.endsAt);
	const evStart = Date.parse(toIso(event.starts_at));
	const evEnd = Date.parse(toIso(event.ends_at));
	const range = {
		range: formatRange(toIso(event.starts_at), toIso(event.ends_at), 'fr'),
		rangeEn: formatRange(toIso(event.starts_at), toIso(event.ends_at), 'en')
	};
	if (start < evStart || start >= evEnd) issues.push({ field: 'startsAt', message: 'programme.errors.outsideEvent', params: range });
	if (end <= start) issues.push({ field: 'endsAt', message: 'programme.errors.endBeforeStart' });
	if (end > start) {
		if (end > evEnd || end <= evStart) issues.push({ field: 'endsAt', message: 'programme.errors.outsideEvent', params: range });
		else if (parisDay(s.startsAt) !== parisDay(new Date(end - 1).toISOString()))
			issues.push({ field: 'endsAt', message: 'programme.errors.spansDays' });
	}

	const [rooms, speakers] = await Promise.all([
		s.roomId ? listRoomRows(db, event.id) : Promise.resolve([]),
		s.speakers.length ? listSpeakerRows(db, event.id) : Promise.resolve([])
	]);
	if (s.roomId && !rooms.some((r) => r.id === s.roomId)) issues.push({ field: 'roomId', message: 'programme.errors.unknownRoom' });
	const known = new Set(speakers.map((sp) => sp.id));
	const seen = new Set<string>();
	s.speakers.forEach((sp, i) => {
		const field = s.speakersField === 'speakers' ? `speakers.${i}.speakerId` : `speakerIds.${i}`;
		if (!known.has(sp.speakerId)) issues.push({ field, message: 'programme.errors.unknownSpeaker' });
		else if (seen.has(sp.speakerId)) issues.push({ field, message: 'programme.errors.duplicateSpeaker' });
		seen.add(sp.speakerId);
	});
	const axes = JSON.parse(event.themes) as string[];
	s.themes.forEach((theme, i) => {
		if (!axes.includes(theme)) issues.push({ field: `themes.${i}`, message: 'programme.errors.unknownTheme' });
	});
	return issues;
}

function columnsOf(s: SessionState) {
	return {
		title: s.title,
		format: s.format,
		description: s.description,
		themes: JSON.stringify([...new Set(s.themes)]),
		starts_at: s.startsAt,
		ends_at: s.endsAt,
		room_id: s.roomId,
		audience: JSON.stringify([...new Set(s.audience)]),
		expected_attendance: s.expectedAttendance,
		capacity: s.capacity,
		requires_registration: s.requiresRegistration ? 1 : 0,
		synthesis: s.synthesis,
		synthesis_published: s.synthesisPublished ? 1 : 0
	};
}

async function savedView(ctx: ServiceContext, actor: Actor, slug: string, id: string, lang: Lang): Promise<SavedSession> {
	const programme = await getTeamProgramme(ctx, actor, slug, lang);
	const session = programme.sessions.find((s) => s.id === id);
	if (!session) throw new NotFoundError('session');
	return { ...session, warnings: programme.conflicts.filter((c) => c.sessionIds.includes(id)) };
}

/**
 * Adds a session to the event's programme (team members who may edit). Without an end, it
 * lasts its format's default duration. Returns it with the warnings that concern it.
 */
export async function createSession(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	lang: Lang = 'fr'
): Promise<SavedSession> {
	return withTx(ctx.db, async (tx) => {
		const event = await eventFor(tx, actor, slug, 'edit');
		const data = parseProgramme(sessionCreateSchema, input);
		const state: SessionState = {
			title: data.title,
			format: data.format,
			description: data.description,
			themes: data.themes,
			startsAt: data.startsAt,
			endsAt: data.endsAt ?? plusMinutes(data.startsAt, FORMAT_DEFAULT_MINUTES[data.format]),
			roomId: data.roomId ?? null,
			...(speakersOf(data) ?? { speakers: [], speakersField: 'speakerIds' as const }),
			audience: data.audience,
			expectedAttendance: data.expectedAttendance ?? null,
			capacity: data.capacity ?? null,
			requiresRegistration: data.requiresRegistration,
			synthesis: data.synthesis,
			synthesisPublished: data.synthesisPublished
		};
		const issues = await checkSession(tx, event, state);
		if (issues.length) throw new ValidationError(issues);
		const id = crypto.randomUUID();
		const now = nowIso();
		await insertSession(tx, { id, event_id: event.id, ...columnsOf(state), created_at: now, updated_at: now });
		await replaceSessionSpeakers(tx, id, state.speakers);
		return savedView({ ...ctx, db: tx }, actor, slug, id, lang);
	});
}

async function currentState(db: DbOrTx, row: SessionRow): Promise<SessionState> {
	const links = await listSpeakersOfSession(db, row.id);
	return {
		title: row.title,
		format: row.format as SessionFormat,
		description: row.description,
		themes: JSON.parse(row.themes),
		startsAt: toIso(row.starts_at),
		endsAt: toIso(row.ends_at),
		roomId: row.room_id,
		speakers: links.map((l) => ({ speakerId: l.speaker_id, part: l.part as SpeakerPart })),
		speakersField: 'speakers',
		audience: JSON.parse(row.audience),
		expectedAttendance: row.expected_attendance === null ? null : Number(row.expected_attendance),
		capacity: row.capacity === null ? null : Number(row.capacity),
		requiresRegistration: Number(row.requires_registration) === 1,
		synthesis: row.synthesis,
		synthesisPublished: Number(row.synthesis_published) === 1
	};
}

async function applyPatch(
	tx: DbOrTx,
	event: EventRow,
	row: SessionRow,
	patch: Record<string, unknown>,
	expected?: ExpectedVersion
): Promise<void> {
	// A stale version first: the person should see what changed before fixing anything else.
	const versions = versionsToWrite(expected, Number(row.version));
	const current = await currentState(tx, row);
	const p = parseProgramme(sessionPatchSchema, patch);
	const next: SessionState = { ...current };
	for (const key of [
		'title',
		'format',
		'description',
		'themes',
		'audience',
		'requiresRegistration',
		'synthesis',
		'synthesisPublished'
	] as const)
		if (p[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = p[key];
	if (p.roomId !== undefined) next.roomId = p.roomId ?? null;
	if (p.expectedAttendance !== undefined) next.expectedAttendance = p.expectedAttendance ?? null;
	if (p.capacity !== undefined) next.capacity = p.capacity ?? null;
	if (p.startsAt !== undefined) {
		next.startsAt = p.startsAt;
		// Moving the start alone keeps the length: "move to 14:00", not "stretch until 14:00".
		if (p.endsAt === undefined) next.endsAt = plusMinutes(p.startsAt, (Date.parse(current.endsAt) - Date.parse(current.startsAt)) / MINUTE);
	}
	if (p.endsAt !== undefined) next.endsAt = p.endsAt ?? plusMinutes(next.startsAt, FORMAT_DEFAULT_MINUTES[next.format]);
	const speakers = speakersOf(p);
	if (speakers) Object.assign(next, speakers);
	const issues = await checkSession(tx, event, next);
	if (issues.length) throw new ValidationError(issues);
	if (!(await updateSessionRow(tx, row.id, { ...columnsOf(next), updated_at: nowIso() }, versions)))
		throw new StaleVersionError(await sessionVersion(tx, event.id, row.id), expected !== undefined);
	if (speakers) await replaceSessionSpeakers(tx, row.id, next.speakers);
}

async function sessionVersion(db: DbOrTx, eventId: string, id: string): Promise<number | null> {
	const row = await findSessionRow(db, eventId, id);
	return row ? Number(row.version) : null;
}

async function sessionFor(db: DbOrTx, actor: Actor, slug: string, id: string, action: 'view' | 'edit') {
	const event = await eventFor(db, actor, slug, action);
	const row = await findSessionRow(db, event.id, id);
	if (!row) throw new NotFoundError('session');
	return { event, row };
}

/**
 * Changes a session (any subset of its fields). Moving its start alone keeps its length; an end
 * set to null takes the format's default duration. With `version` (the form's hidden field,
 * If-Match), StaleVersionError and nothing written when the session changed since. Returns it
 * with its warnings.
 */
export async function updateSession(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	lang: Lang = 'fr',
	version?: ExpectedVersion
): Promise<SavedSession> {
	const saved = await withTx(ctx.db, async (tx) => {
		const { event, row } = await sessionFor(tx, actor, slug, id, 'edit');
		await applyPatch(tx, event, row, (input ?? {}) as Record<string, unknown>, version);
		return savedView({ ...ctx, db: tx }, actor, slug, id, lang);
	});
	// More seats (or none needed any more): the people waiting get them now, not at the next registration.
	const patch = (input ?? {}) as Record<string, unknown>;
	if ('capacity' in patch || 'requiresRegistration' in patch) await refillSession(ctx, actor, id);
	return saved;
}

/**
 * Moves or resizes a session by one step (15 minutes), or takes it to the previous or next room:
 * the editor's keyboard buttons. Same checks as any change (a session never leaves its event).
 */
export async function nudgeSession(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	nudge: Nudge,
	lang: Lang = 'fr'
): Promise<SavedSession> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await sessionFor(tx, actor, slug, id, 'edit');
		const start = toIso(row.starts_at);
		const end = toIso(row.ends_at);
		let patch: Record<string, unknown>;
		switch (nudge) {
			case 'earlier':
			case 'later': {
				const step = nudge === 'earlier' ? -NUDGE_MINUTES : NUDGE_MINUTES;
				patch = { startsAt: plusMinutes(start, step), endsAt: plusMinutes(end, step) };
				break;
			}
			case 'longer':
				patch = { endsAt: plusMinutes(end, NUDGE_MINUTES) };
				break;
			case 'shorter': {
				const minutes = (Date.parse(end) - Date.parse(start)) / MINUTE;
				patch = { endsAt: plusMinutes(start, Math.max(5, minutes - NUDGE_MINUTES)) };
				break;
			}
			case 'room-prev':
			case 'room-next': {
				const rooms = await listRoomRows(tx, event.id);
				if (rooms.length === 0) throw new ValidationError([{ field: 'roomId', message: 'programme.errors.unknownRoom' }]);
				const at = rooms.findIndex((r) => r.id === row.room_id);
				const step = nudge === 'room-next' ? 1 : -1;
				const next = at === -1 ? (step === 1 ? 0 : rooms.length - 1) : (at + step + rooms.length) % rooms.length;
				patch = { roomId: rooms[next].id };
				break;
			}
			default:
				throw new ValidationError([{ field: 'nudge', message: 'errors.invalidChoice' }]);
		}
		await applyPatch(tx, event, row, patch);
		return savedView({ ...ctx, db: tx }, actor, slug, id, lang);
	});
}

/** Removes a session, its speaker links, its resources and their uploaded files. */
export async function deleteSession(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event, row } = await sessionFor(tx, actor, slug, id, 'edit');
		const files = (await listResourceRows(tx, event.id)).filter((r) => r.session_id === row.id && r.file_id).map((r) => r.file_id!);
		await deleteSessionRow(tx, row.id);
		for (const fileId of files) await deleteStoredFile(tx, fileId);
	});
}

function resourceView(
	ctx: ServiceContext,
	slug: string,
	r: { id: string; kind: string; title: string; url: string | null; file_id: string | null },
	file?: { filename: string; size: number }
): ResourceView {
	const url = r.file_id ? `${ctx.publicUrl.replace(/\/$/, '')}/e/${slug}/programme/fichiers/${r.file_id}` : (r.url ?? '');
	return {
		id: r.id,
		kind: r.kind as ResourceView['kind'],
		title: r.title,
		url,
		filename: file?.filename ?? null,
		size: file?.size ?? null
	};
}

/** Adds a link (slides online, a reference, the recording) to a session. */
export async function addResourceLink(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	sessionId: string,
	input: unknown
): Promise<ResourceView> {
	return withTx(ctx.db, async (tx) => {
		const { row } = await sessionFor(tx, actor, slug, sessionId, 'edit');
		const data = parseProgramme(resourceLinkSchema, input);
		const resource = {
			id: crypto.randomUUID(),
			session_id: row.id,
			position: await nextResourcePosition(tx, row.id),
			kind: data.kind,
			title: data.title,
			url: data.url,
			file_id: null
		};
		await insertResource(tx, resource);
		return resourceView(ctx, slug, resource);
	});
}

/**
 * Attaches an uploaded document to a session (PDF, slides, office documents, images, text, ZIP;
 * at most 20 MB). Its title defaults to the file's name.
 */
export async function addResourceFile(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	sessionId: string,
	input: { title?: string; upload: Upload }
): Promise<ResourceView> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await sessionFor(tx, actor, slug, sessionId, 'edit');
		const title = (input.title ?? '').trim();
		if (title.length > 200) throw new ValidationError([{ field: 'title', message: 'errors.tooLong', params: { max: 200 } }]);
		const { contentType, filename } = checkDocument(input.upload);
		const fileId = crypto.randomUUID();
		const now = nowIso();
		await insertStoredFile(tx, {
			id: fileId,
			event_id: event.id,
			filename,
			content_type: contentType,
			size: input.upload.data.length,
			data: input.upload.data,
			created_at: now
		});
		const resource = {
			id: crypto.randomUUID(),
			session_id: row.id,
			position: await nextResourcePosition(tx, row.id),
			kind: 'file',
			title: title || filename,
			url: null,
			file_id: fileId
		};
		await insertResource(tx, resource);
		return resourceView(ctx, slug, resource, { filename, size: input.upload.data.length });
	});
}

/** Removes one resource of a session (and its file). */
export async function deleteResource(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	sessionId: string,
	resourceId: string
): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { row } = await sessionFor(tx, actor, slug, sessionId, 'edit');
		const resource = await findResourceRow(tx, row.id, resourceId);
		if (!resource) throw new NotFoundError('resource');
		await deleteResourceRow(tx, resource.id);
		if (resource.file_id) await deleteStoredFile(tx, resource.file_id);
	});
}

/** One session as its team sees it, with its warnings. */
export async function getTeamSession(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	lang: Lang = 'fr'
): Promise<SavedSession> {
	return savedView(ctx, actor, slug, id, lang);
}

/**
 * The organising committee (member structures and people with their roles), the log of its
 * meetings, and the time each person or structure spends, by phase: the figures of the final
 * report ("7 months, 140 hours, 10 meetings, 17 people") and the staff lines of the budget.
 */
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError, ValidationError } from '../validation.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { eventForPreparation } from './event-access.ts';
import { parseOrThrowPrep } from './prep-validation.ts';
import { PHASES, type Phase } from './planning.rules.ts';
import {
	committeeMemberInputSchema,
	meetingInputSchema,
	timeEntryInputSchema,
	type COMMITTEE_KINDS,
	type COMMITTEE_ROLES
} from './planning.schema.ts';
import {
	deleteCommitteeRow,
	deleteMeetingRow,
	deleteTimeRow,
	findCommitteeRow,
	findMeetingRow,
	findTimeRow,
	insertCommitteeRow,
	insertMeetingRow,
	insertTimeRow,
	listAttendees,
	listCommitteeRows,
	listMeetingRows,
	listTimeRows,
	replaceAttendees,
	sumMinutesByMember,
	updateCommitteeRow,
	updateMeetingRow,
	updateTimeRow,
	type CommitteeRow,
	type MeetingRow,
	type TimeRow
} from './committee.queries.ts';
import { nextPosition } from './task.queries.ts';

export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export interface CommitteeMemberView {
	id: string;
	kind: CommitteeKind;
	name: string;
	structureId: string | null;
	structureName: string | null;
	roles: CommitteeRole[];
	customRole: string;
	email: string | null;
	notes: string;
	/** Time logged for this member, in minutes. */
	minutes: number;
	/** Raised at each change: the edit form and If-Match send it back (no lost update). */
	version: number;
}

function toMemberView(row: CommitteeRow, byId: Map<string, CommitteeRow>, minutes: Map<string, number>): CommitteeMemberView {
	return {
		id: row.id,
		kind: row.kind as CommitteeKind,
		name: row.name,
		structureId: row.structure_id,
		structureName: row.structure_id ? (byId.get(row.structure_id)?.name ?? null) : null,
		roles: JSON.parse(row.roles) as CommitteeRole[],
		customRole: row.custom_role,
		email: row.email,
		notes: row.notes,
		minutes: minutes.get(row.id) ?? 0,
		version: Number(row.version)
	};
}

/** The committee's members, structures first, each followed by its people; people without a structure last. */
export async function listCommitteeViews(db: DbOrTx, eventId: string): Promise<CommitteeMemberView[]> {
	const [rows, minutes] = await Promise.all([listCommitteeRows(db, eventId), sumMinutesByMember(db, eventId)]);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const views = rows.map((r) => toMemberView(r, byId, minutes));
	const ordered: CommitteeMemberView[] = [];
	for (const s of views.filter((v) => v.kind === 'structure')) {
		ordered.push(s);
		ordered.push(...views.filter((v) => v.kind === 'person' && v.structureId === s.id));
	}
	ordered.push(...views.filter((v) => v.kind === 'person' && !v.structureId));
	return ordered;
}

/** The committee in display order (each structure followed by its people), for the team (404 otherwise). */
export async function listCommittee(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	return { role, members: await listCommitteeViews(ctx.db, event.id) };
}

/** One member of this event's committee; NotFoundError for another event's. */
export async function getCommitteeMember(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<CommitteeMemberView> {
	const { members } = await listCommittee(ctx, actor, slug);
	const m = members.find((x) => x.id === id);
	if (!m) throw new NotFoundError('committee-member');
	return m;
}

async function checkStructure(db: DbOrTx, eventId: string, structureId: string | null | undefined, selfId?: string): Promise<void> {
	if (!structureId) return;
	const s = await findCommitteeRow(db, eventId, structureId);
	if (!s || s.kind !== 'structure' || s.id === selfId)
		throw new ValidationError([{ field: 'structureId', message: 'committee.errors.structureUnknown' }]);
}

/**
 * The input of a change: a form's whole input, or an API PATCH's fields laid over the stored ones
 * (anything but an object is returned as it is, for the schema to refuse).
 */
function overStored(stored: Record<string, unknown>, input: unknown): unknown {
	return input === null || typeof input !== 'object' || Array.isArray(input) ? input : { ...stored, ...input };
}

/**
 * The event and the row an edit changes (`find`s it in this event, else NotFoundError `what`),
 * refused at once (StaleVersionError) when the caller's `version` is already not the row's.
 */
async function rowToEdit<R extends { version: number }>(
	tx: DbOrTx,
	actor: Actor,
	slug: string,
	find: (eventId: string) => Promise<R | undefined>,
	what: string,
	version: ExpectedVersion
) {
	const { event } = await eventForPreparation(tx, actor, slug, 'edit');
	const row = await find(event.id);
	if (!row) throw new NotFoundError(what);
	versionsToWrite(version, Number(row.version));
	return { event, row };
}

/**
 * Writes a change at the version the caller loaded (`version`: form, If-Match) or at the one read
 * in this transaction; when the row changed in between, StaleVersionError and nothing written.
 */
async function writeAtVersion(
	expected: ExpectedVersion,
	read: number,
	write: (versions: number[]) => Promise<boolean>,
	reread: () => Promise<{ version: number } | undefined>
): Promise<void> {
	if (await write(versionsToWrite(expected, read))) return;
	const now = await reread();
	throw new StaleVersionError(now ? Number(now.version) : null, expected !== undefined);
}

/** Adds a structure or a person to the committee; a person may belong to a member structure. */
export async function addCommitteeMember(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<CommitteeMemberView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrowPrep(committeeMemberInputSchema, input);
		await checkStructure(tx, event.id, data.structureId);
		const id = crypto.randomUUID();
		const stamp = nowIso();
		await insertCommitteeRow(tx, {
			id,
			event_id: event.id,
			position: await nextPosition(tx, 'committee_member', event.id),
			kind: data.kind,
			name: data.name,
			structure_id: data.kind === 'person' ? (data.structureId ?? null) : null,
			roles: JSON.stringify([...new Set(data.roles)]),
			custom_role: data.customRole,
			email: data.email ?? null,
			notes: data.notes,
			created_at: stamp,
			updated_at: stamp
		});
		return (await listCommitteeViews(tx, event.id)).find((m) => m.id === id)!;
	});
}

function memberAsInput(row: CommitteeRow): Record<string, unknown> {
	return {
		kind: row.kind,
		name: row.name,
		structureId: row.structure_id,
		roles: JSON.parse(row.roles),
		customRole: row.custom_role,
		email: row.email,
		notes: row.notes
	};
}

/**
 * Changes a member (an API PATCH's fields over the stored ones); a structure that becomes a person
 * keeps its people attached to nothing. With `version` (form, If-Match): StaleVersionError and
 * nothing written when the member changed since.
 */
export async function updateCommitteeMember(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<CommitteeMemberView> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await rowToEdit(tx, actor, slug, (eventId) => findCommitteeRow(tx, eventId, id), 'committee-member', version);
		const data = parseOrThrowPrep(committeeMemberInputSchema, overStored(memberAsInput(row), input));
		await checkStructure(tx, event.id, data.structureId, id);
		const values = {
			kind: data.kind,
			name: data.name,
			structure_id: data.kind === 'person' ? (data.structureId ?? null) : null,
			roles: JSON.stringify([...new Set(data.roles)]),
			custom_role: data.customRole,
			email: data.email ?? null,
			notes: data.notes,
			updated_at: nowIso()
		};
		await writeAtVersion(
			version,
			Number(row.version),
			(versions) => updateCommitteeRow(tx, id, values, versions),
			() => findCommitteeRow(tx, event.id, id)
		);
		if (row.kind === 'structure' && data.kind === 'person')
			await tx.updateTable('committee_member').set({ structure_id: null }).where('structure_id', '=', id).execute();
		return (await listCommitteeViews(tx, event.id)).find((m) => m.id === id)!;
	});
}

/** Removes a member: their time entries and attendance go too; tasks they owned lose their owner. */
export async function removeCommitteeMember(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		if (!(await deleteCommitteeRow(tx, event.id, id))) throw new NotFoundError('committee-member');
	});
}

/**
 * Adds the event's organising structures (porteur, co-organisateurs, partenaires, financeurs)
 * to the committee, except those already there under the same name. Returns how many were added.
 */
export async function importOrganisersIntoCommittee(db: DbOrTx, eventId: string): Promise<number> {
	const organisers = await db.selectFrom('event_organiser').select(['name']).where('event_id', '=', eventId).orderBy('position').execute();
	const existing = new Set((await listCommitteeRows(db, eventId)).map((r) => r.name.trim().toLowerCase()));
	let position = await nextPosition(db, 'committee_member', eventId);
	let added = 0;
	const stamp = nowIso();
	for (const o of organisers) {
		const key = o.name.trim().toLowerCase();
		if (existing.has(key)) continue;
		existing.add(key);
		await insertCommitteeRow(db, {
			id: crypto.randomUUID(),
			event_id: eventId,
			position: position++,
			kind: 'structure',
			name: o.name.trim(),
			structure_id: null,
			roles: '[]',
			custom_role: '',
			email: null,
			notes: '',
			created_at: stamp,
			updated_at: stamp
		});
		added++;
	}
	return added;
}

/** The "import the organising structures" button of the committee page. */
export async function importEventOrganisers(ctx: ServiceContext, actor: Actor, slug: string): Promise<number> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		return importOrganisersIntoCommittee(tx, event.id);
	});
}

// ——— Meetings ———

export interface MeetingView {
	id: string;
	heldOn: string;
	title: string;
	durationMinutes: number | null;
	place: string;
	attendees: { id: string; name: string }[];
	otherAttendees: string;
	notes: string;
	decisions: string[];
	createdAt: string;
	/** Raised at each change: the edit form and If-Match send it back (no lost update). */
	version: number;
}

async function meetingViews(db: DbOrTx, eventId: string): Promise<MeetingView[]> {
	const [rows, members] = await Promise.all([listMeetingRows(db, eventId), listCommitteeRows(db, eventId)]);
	const attendees = await listAttendees(
		db,
		rows.map((r) => r.id)
	);
	const names = new Map(members.map((m) => [m.id, m.name]));
	const order = new Map(members.map((m, i) => [m.id, i]));
	return rows.map((r) => ({
		id: r.id,
		heldOn: r.held_on,
		title: r.title,
		durationMinutes: r.duration_minutes,
		place: r.place,
		attendees: (attendees.get(r.id) ?? [])
			.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
			.map((id) => ({ id, name: names.get(id) ?? '?' })),
		otherAttendees: r.other_attendees,
		notes: r.notes,
		decisions: r.decisions
			.split('\n')
			.map((d) => d.trim())
			.filter(Boolean),
		createdAt: toIso(r.created_at),
		version: Number(r.version)
	}));
}

/** The meetings log, latest first. */
export async function listMeetings(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	return { role, meetings: await meetingViews(ctx.db, event.id) };
}

/** One meeting of this event; NotFoundError for another event's. */
export async function getMeeting(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<MeetingView> {
	const { meetings } = await listMeetings(ctx, actor, slug);
	const m = meetings.find((x) => x.id === id);
	if (!m) throw new NotFoundError('meeting');
	return m;
}

async function checkAttendees(db: DbOrTx, eventId: string, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const known = new Set((await listCommitteeRows(db, eventId)).map((r) => r.id));
	if (ids.some((id) => !known.has(id))) throw new ValidationError([{ field: 'attendeeIds', message: 'committee.errors.attendeeUnknown' }]);
}

function meetingColumns(data: ReturnType<typeof meetingInputSchema.parse>) {
	return {
		held_on: data.heldOn,
		title: data.title,
		duration_minutes: data.durationMinutes ?? null,
		place: data.place,
		other_attendees: data.otherAttendees,
		notes: data.notes,
		decisions: data.decisions
	};
}

/** Logs a meeting with its attendees (committee members) and decisions (one per line). */
export async function addMeeting(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<MeetingView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrowPrep(meetingInputSchema, input);
		await checkAttendees(tx, event.id, data.attendeeIds);
		const id = crypto.randomUUID();
		const stamp = nowIso();
		await insertMeetingRow(tx, { id, event_id: event.id, ...meetingColumns(data), created_at: stamp, updated_at: stamp });
		await replaceAttendees(tx, id, data.attendeeIds);
		return (await meetingViews(tx, event.id)).find((m) => m.id === id)!;
	});
}

async function meetingAsInput(db: DbOrTx, row: MeetingRow): Promise<Record<string, unknown>> {
	return {
		heldOn: row.held_on,
		title: row.title,
		durationMinutes: row.duration_minutes,
		place: row.place,
		attendeeIds: (await listAttendees(db, [row.id])).get(row.id) ?? [],
		otherAttendees: row.other_attendees,
		notes: row.notes,
		decisions: row.decisions
	};
}

/**
 * Replaces a meeting's details, minutes, decisions and attendees (all committee members of this
 * event); an API PATCH's fields go over the stored ones. With `version` (form, If-Match):
 * StaleVersionError and nothing written when the meeting changed since.
 */
export async function updateMeeting(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<MeetingView> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await rowToEdit(tx, actor, slug, (eventId) => findMeetingRow(tx, eventId, id), 'meeting', version);
		const data = parseOrThrowPrep(meetingInputSchema, overStored(await meetingAsInput(tx, row), input));
		await checkAttendees(tx, event.id, data.attendeeIds);
		await writeAtVersion(
			version,
			Number(row.version),
			(versions) => updateMeetingRow(tx, id, { ...meetingColumns(data), updated_at: nowIso() }, versions),
			() => findMeetingRow(tx, event.id, id)
		);
		await replaceAttendees(tx, id, data.attendeeIds);
		return (await meetingViews(tx, event.id)).find((m) => m.id === id)!;
	});
}

/** Deletes a meeting and its attendance (not the attendees). */
export async function deleteMeeting(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		if (!(await deleteMeetingRow(tx, event.id, id))) throw new NotFoundError('meeting');
	});
}

// ——— Time ———

export interface TimeEntryView {
	id: string;
	memberId: string;
	memberName: string;
	memberKind: CommitteeKind;
	phase: Phase;
	minutes: number;
	spentOn: string | null;
	description: string;
	/** Raised at each change: the edit form and If-Match send it back (no lost update). */
	version: number;
}

export interface TimeSummary {
	totalMinutes: number;
	byPhase: Record<Phase, number>;
	byMember: { memberId: string; name: string; kind: CommitteeKind; minutes: number; byPhase: Record<Phase, number> }[];
}

const zeroPhases = () => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;

/** Totals of time entries: overall, per phase, and per member and phase (members in committee order). */
export function summariseTime(entries: TimeEntryView[], members: { id: string; name: string; kind: CommitteeKind }[]): TimeSummary {
	const byPhase = zeroPhases();
	const perMember = new Map<string, Record<Phase, number>>();
	let total = 0;
	for (const e of entries) {
		total += e.minutes;
		byPhase[e.phase] += e.minutes;
		const m = perMember.get(e.memberId) ?? zeroPhases();
		m[e.phase] += e.minutes;
		perMember.set(e.memberId, m);
	}
	const byMember = members
		.filter((m) => perMember.has(m.id))
		.map((m) => {
			const phases = perMember.get(m.id)!;
			return { memberId: m.id, name: m.name, kind: m.kind, minutes: Object.values(phases).reduce((a, b) => a + b, 0), byPhase: phases };
		});
	return { totalMinutes: total, byPhase, byMember };
}

/** Time entries of an event with their member's name, latest first; no permission check. */
export async function listTimeViews(db: DbOrTx, eventId: string): Promise<TimeEntryView[]> {
	const rows = await listTimeRows(db, eventId);
	return rows.map((r) => ({
		id: r.id,
		memberId: r.committee_member_id,
		memberName: r.member_name,
		memberKind: r.member_kind as CommitteeKind,
		phase: r.phase as Phase,
		minutes: Number(r.minutes),
		spentOn: r.spent_on,
		description: r.description,
		version: Number(r.version)
	}));
}

/** Time entries (latest first) with their totals per phase and per member. */
export async function listTime(ctx: ServiceContext, actor: Actor, slug: string) {
	const { event, role } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const [entries, members] = await Promise.all([listTimeViews(ctx.db, event.id), listCommitteeViews(ctx.db, event.id)]);
	return { role, entries, members, summary: summariseTime(entries, members) };
}

/** Logs time spent by a committee member (a person or a whole structure) in one phase. */
export async function addTimeEntry(ctx: ServiceContext, actor: Actor, slug: string, input: unknown): Promise<TimeEntryView> {
	return withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		const data = parseOrThrowPrep(timeEntryInputSchema, input);
		if (!(await findCommitteeRow(tx, event.id, data.memberId)))
			throw new ValidationError([{ field: 'memberId', message: 'committee.errors.memberUnknown' }]);
		const id = crypto.randomUUID();
		await insertTimeRow(tx, {
			id,
			event_id: event.id,
			committee_member_id: data.memberId,
			phase: data.phase,
			minutes: data.minutes,
			spent_on: data.spentOn ?? null,
			description: data.description,
			created_at: nowIso()
		});
		return (await listTimeViews(tx, event.id)).find((e) => e.id === id)!;
	});
}

/** One time entry of this event; NotFoundError for another event's. */
export async function getTimeEntry(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<TimeEntryView> {
	const { event } = await eventForPreparation(ctx.db, actor, slug, 'view');
	const entry = (await listTimeViews(ctx.db, event.id)).find((e) => e.id === id);
	if (!entry) throw new NotFoundError('time-entry');
	return entry;
}

function timeAsInput(row: TimeRow): Record<string, unknown> {
	return {
		memberId: row.committee_member_id,
		phase: row.phase,
		minutes: Number(row.minutes),
		spentOn: row.spent_on,
		description: row.description
	};
}

/**
 * Changes a time entry (an API PATCH's fields over the stored ones). With `version` (form,
 * If-Match): StaleVersionError and nothing written when the entry changed since.
 */
export async function updateTimeEntry(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	id: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<TimeEntryView> {
	return withTx(ctx.db, async (tx) => {
		const { event, row } = await rowToEdit(tx, actor, slug, (eventId) => findTimeRow(tx, eventId, id), 'time-entry', version);
		const data = parseOrThrowPrep(timeEntryInputSchema, overStored(timeAsInput(row), input));
		if (!(await findCommitteeRow(tx, event.id, data.memberId)))
			throw new ValidationError([{ field: 'memberId', message: 'committee.errors.memberUnknown' }]);
		const values = {
			committee_member_id: data.memberId,
			phase: data.phase,
			minutes: data.minutes,
			spent_on: data.spentOn ?? null,
			description: data.description
		};
		await writeAtVersion(
			version,
			Number(row.version),
			(versions) => updateTimeRow(tx, id, values, versions),
			() => findTimeRow(tx, event.id, id)
		);
		return (await listTimeViews(tx, event.id)).find((e) => e.id === id)!;
	});
}

/** Deletes one time entry; the budget's staff lines keep their days until fed again. */
export async function deleteTimeEntry(ctx: ServiceContext, actor: Actor, slug: string, id: string): Promise<void> {
	await withTx(ctx.db, async (tx) => {
		const { event } = await eventForPreparation(tx, actor, slug, 'edit');
		if (!(await deleteTimeRow(tx, event.id, id))) throw new NotFoundError('time-entry');
	});
}

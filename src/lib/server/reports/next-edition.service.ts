/**
 * « Préparer l'édition suivante »: a new draft event made from this one — axes, rooms, the
 * sessions' skeleton on the same relative days (52 weeks later, same weekdays) with their speakers
 * to be confirmed again, the contact lists and a list of the people who came, committee, budget
 * lines as planned amounts, the retro-planning from the template — linked to it, so that its
 * preparation page lists this edition's « à améliorer » points, each made a task in one click,
 * and its report compares its figures with this edition's.
 */
import type { DbOrTx } from '../db/index.ts';
import { nowIso, toIso } from '../db/time.ts';
import { assertEventPermission, type Actor } from '../auth/permissions.ts';
import { findEventBySlug, listOrganisersByEvent } from '../events/event.queries.ts';
import { createEvent, type EventView, type ServiceContext } from '../events/event.service.ts';
import { createTask, listTasks } from '../planning/task.service.ts';
import { hasRowLocks } from '../registrations/registration.queries.ts';
import { withTx } from '../tx.ts';
import { copyEventImageRows } from '../programme/event-image.queries.ts';
import { ConflictError, NotFoundError, ValidationError } from '../validation.ts';
import { toChoices } from './report.data.ts';
import { findNextEditionRow, findReportRow, upsertReportRow } from './report.queries.ts';
import { insertContactList, listContactRows, selectSuppressedEmails, upsertContacts } from '../contacts/contact.queries.ts';

const SHIFT_MS = 364 * 86_400_000;
const shift = (v: string | Date) => new Date(Date.parse(toIso(v)) + SHIFT_MS).toISOString();

async function copySkeleton(db: DbOrTx, fromId: string, toId: string): Promise<void> {
	const now = nowIso();
	const rooms = await db.selectFrom('room').selectAll().where('event_id', '=', fromId).execute();
	const roomIds = new Map(rooms.map((r) => [r.id, crypto.randomUUID()]));
	if (rooms.length)
		await db
			.insertInto('room')
			.values(rooms.map((r) => ({ ...r, id: roomIds.get(r.id)!, event_id: toId })))
			.execute();
	const sessions = await db.selectFrom('session').selectAll().where('event_id', '=', fromId).execute();
	const sessionIds = new Map(sessions.map((s) => [s.id, crypto.randomUUID()]));
	if (sessions.length)
		await db
			.insertInto('session')
			.values(
				sessions.map((s) => ({
					...s,
					id: sessionIds.get(s.id)!,
					event_id: toId,
					starts_at: shift(s.starts_at),
					ends_at: shift(s.ends_at),
					room_id: s.room_id ? (roomIds.get(s.room_id) ?? null) : null,
					synthesis: '',
					synthesis_published: 0,
					created_at: now,
					updated_at: now
				}))
			)
			.execute();
	await copySpeakers(db, fromId, toId, sessionIds);
	await copyContactLists(db, fromId, toId);
	// The committee: the organising structures are already there (the template brings them in).
	const existing = await db.selectFrom('committee_member').select(['kind', 'name']).where('event_id', '=', toId).execute();
	const have = new Set(existing.map((m) => `${m.kind}|${m.name}`));
	const members = await db.selectFrom('committee_member').selectAll().where('event_id', '=', fromId).orderBy('position').execute();
	const memberIds = new Map(members.map((m) => [m.id, crypto.randomUUID()]));
	const fresh = members.filter((m) => !have.has(`${m.kind}|${m.name}`));
	const ordered = [...fresh.filter((m) => m.kind === 'structure'), ...fresh.filter((m) => m.kind !== 'structure')];
	const freshIds = new Set(fresh.map((m) => m.id));
	if (ordered.length)
		await db
			.insertInto('committee_member')
			.values(
				ordered.map((m, i) => ({
					...m,
					id: memberIds.get(m.id)!,
					event_id: toId,
					position: existing.length + i + 1,
					structure_id: m.structure_id && freshIds.has(m.structure_id) ? memberIds.get(m.structure_id)! : null,
					created_at: now,
					updated_at: now
				}))
			)
			.execute();
	// Budget lines: what was spent or received becomes the planned amount.
	const lines = await db.selectFrom('budget_line').selectAll().where('event_id', '=', fromId).execute();
	if (lines.length)
		await db
			.insertInto('budget_line')
			.values(
				lines.map((l) => ({
					...l,
					id: crypto.randomUUID(),
					event_id: toId,
					planned_cents: Number(l.actual_cents) > 0 ? Number(l.actual_cents) : Number(l.planned_cents),
					actual_cents: 0,
					staff_member_id: l.staff_member_id && freshIds.has(l.staff_member_id) ? memberIds.get(l.staff_member_id)! : null,
					actual_days_x100: null,
					created_at: now,
					updated_at: now
				}))
			)
			.execute();
}

/**
 * The sessions' speakers (those who had not declined), each to be confirmed again: status
 * `invited`, no private link nor invitation yet, their portrait copied into the new event.
 */
async function copySpeakers(db: DbOrTx, fromId: string, toId: string, sessionIds: Map<string, string>): Promise<void> {
	const links = await db
		.selectFrom('session_speaker')
		.innerJoin('speaker', 'speaker.id', 'session_speaker.speaker_id')
		.selectAll('session_speaker')
		.where('speaker.event_id', '=', fromId)
		.where('speaker.status', '<>', 'declined')
		.execute();
	const keep = new Set(links.map((l) => l.speaker_id));
	const speakers = (await db.selectFrom('speaker').selectAll().where('event_id', '=', fromId).execute()).filter((s) => keep.has(s.id));
	if (!speakers.length) return;
	const now = nowIso();
	const speakerIds = new Map(speakers.map((s) => [s.id, crypto.randomUUID()]));
	const portraitIds = new Map(speakers.filter((s) => s.portrait_file_id).map((s) => [s.portrait_file_id!, crypto.randomUUID()]));
	if (portraitIds.size) {
		const files = await db
			.selectFrom('stored_file')
			.selectAll()
			.where('id', 'in', [...portraitIds.keys()])
			.execute();
		await db
			.insertInto('stored_file')
			.values(files.map((f) => ({ ...f, id: portraitIds.get(f.id)!, event_id: toId, created_at: now })))
			.execute();
	}
	await db
		.insertInto('speaker')
		.values(
			speakers.map((s) => ({
				...s,
				id: speakerIds.get(s.id)!,
				event_id: toId,
				status: 'invited',
				portrait_file_id: s.portrait_file_id ? (portraitIds.get(s.portrait_file_id) ?? null) : null,
				invite_token_hash: null,
				invited_at: null,
				responded_at: null,
				created_at: now,
				updated_at: now
			}))
		)
		.execute();
	const copied = links.filter((l) => sessionIds.has(l.session_id));
	if (copied.length)
		await db
			.insertInto('session_speaker')
			.values(copied.map((l) => ({ ...l, session_id: sessionIds.get(l.session_id)!, speaker_id: speakerIds.get(l.speaker_id)! })))
			.execute();
}

/**
 * The contact lists, as they are (addresses unsubscribed from this organiser left out), and one
 * more of the people who came, to invite them again (legitimate interest: the same event's next
 * edition). The save-the-date of the new edition starts from them.
 */
async function copyContactLists(db: DbOrTx, fromId: string, toId: string): Promise<void> {
	const now = nowIso();
	const from = await db.selectFrom('event').select(['title', 'slug']).where('id', '=', fromId).executeTakeFirstOrThrow();
	const suppressed = await selectSuppressedEmails(db, fromId);
	const lists = await db.selectFrom('contact_list').selectAll().where('event_id', '=', fromId).orderBy('created_at').execute();
	for (const list of lists) {
		const id = crypto.randomUUID();
		await insertContactList(db, { id, event_id: toId, name: list.name, created_at: now });
		const rows = (await listContactRows(db, list.id, 100_000)).filter((r) => !suppressed.has(r.email));
		await upsertContacts(
			db,
			rows.map((r) => ({ ...r, id: crypto.randomUUID(), list_id: id, created_at: now }))
		);
	}
	const came = await db
		.selectFrom('registration')
		.select(['email', 'first_name', 'last_name', 'structure_name', 'role', 'commune'])
		.where('event_id', '=', fromId)
		.where('status', '<>', 'cancelled')
		.where('email', 'is not', null)
		.where((eb) =>
			eb.exists(eb.selectFrom('checkin').select('checkin.registration_id').whereRef('checkin.registration_id', '=', 'registration.id'))
		)
		.execute();
	const people = new Map<string, (typeof came)[number]>();
	for (const p of came) if (!suppressed.has(p.email!.toLowerCase())) people.set(p.email!.toLowerCase(), p);
	if (!people.size) return;
	const id = crypto.randomUUID();
	await insertContactList(db, { id, event_id: toId, name: `Participant·es de ${from.title}`.slice(0, 120), created_at: now });
	await upsertContacts(
		db,
		[...people].map(([email, p]) => ({
			id: crypto.randomUUID(),
			list_id: id,
			email,
			first_name: p.first_name,
			last_name: p.last_name,
			structure: p.structure_name,
			role: p.role,
			territory: p.commune ?? '',
			source: `edition:${from.slug}`.slice(0, 200),
			legal_basis: 'legitimate-interest',
			created_at: now
		}))
	);
}

/**
 * Creates the next edition as a draft owned by `actor` (409 when it already exists). One
 * transaction: the new event (createEvent joins it), the copy and the link to this edition, so
 * that a copy that fails leaves no half-made draft and a retry makes one. Two clicks at once: on
 * PostgreSQL this edition's row is locked first and the check made after the lock (the second
 * waits, then sees the first's draft); SQLite runs one writing transaction at a time.
 */
export async function prepareNextEdition(ctx: ServiceContext, actor: Actor, slug: string): Promise<EventView> {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'edit');
	return withTx(ctx.db, async (tx) => {
		if (hasRowLocks(tx)) await tx.selectFrom('event').select('id').where('id', '=', event.id).forUpdate().execute();
		if (await findNextEditionRow(tx, event.id)) throw new ConflictError([{ field: '_', message: 'reports.edit.nextEditionExists' }]);
		const organisers = (await listOrganisersByEvent(tx, [event.id])).get(event.id) ?? [];
		const edition = event.edition === null ? null : Number(event.edition) + 1;
		const view = await createEvent({ ...ctx, db: tx }, actor, {
			title: event.title,
			edition,
			description: event.description,
			themes: JSON.parse(event.themes),
			startsAt: shift(event.starts_at),
			endsAt: shift(event.ends_at),
			format: event.format,
			venue: { name: event.venue_name, address: event.venue_address, inseeCode: event.venue_insee_code },
			onlineUrl: event.online_url,
			organisers: organisers.map((o) => ({ name: o.name, type: o.type, siret: o.siret, rna: o.rna, role: o.role }))
		});
		const created = await findEventBySlug(tx, view.slug);
		if (!created) throw new NotFoundError('event');
		await copySkeleton(tx, event.id, created.id);
		// The banner and the logos of organisers and funders usually stay from one edition to the next.
		await copyEventImageRows(tx, event.id, created.id, nowIso());
		await upsertReportRow(tx, created.id, { previous_event_id: event.id, updated_at: nowIso() });
		return view;
	});
}

export interface ImprovementPoint {
	index: number;
	theme: string;
	text: string;
	title: string;
	isTask: boolean;
}

const taskTitle = (p: { theme: string; text: string }) => `${p.theme} : ${p.text}`.slice(0, 200);

/** The previous edition's « à améliorer » points for this event's preparation page, or null. */
export async function getImprovementChecklist(ctx: ServiceContext, actor: Actor, slug: string) {
	const event = await findEventBySlug(ctx.db, slug);
	if (!event) throw new NotFoundError('event');
	await assertEventPermission(ctx.db, event.id, actor, 'view');
	const own = toChoices(await findReportRow(ctx.db, event.id));
	if (!own.previousEventId) return null;
	const previous = await ctx.db.selectFrom('event').select(['title', 'slug']).where('id', '=', own.previousEventId).executeTakeFirst();
	if (!previous) return null;
	const review = toChoices(await findReportRow(ctx.db, own.previousEventId)).review;
	const { tasks } = await listTasks(ctx, actor, slug);
	const titles = new Set(tasks.map((t) => t.title));
	const points: ImprovementPoint[] = review.toImprove.map((p, index) => ({
		index,
		...p,
		title: taskTitle(p),
		isTask: titles.has(taskTitle(p))
	}));
	return { previous, points };
}

/** Turns the previous edition's « à améliorer » point `index` into a framing task, three months before. */
export async function turnPointIntoTask(ctx: ServiceContext, actor: Actor, slug: string, index: number): Promise<void> {
	const list = await getImprovementChecklist(ctx, actor, slug);
	const point = list?.points.find((p) => p.index === index);
	if (!point) throw new ValidationError([{ field: 'point', message: 'errors.invalidChoice' }]);
	if (point.isTask) return;
	await createTask(ctx, actor, slug, { title: point.title, phase: 'framing', offsetDays: -90 });
}

import { z } from 'zod';
import type { DbOrTx } from '../db/index.ts';
import { toIso, nowIso } from '../db/time.ts';
import { assertEventPermission, getEventRole, roleAllows, type Actor, type EventRole } from '../auth/permissions.ts';
import { NotFoundError, ValidationError, parseOrThrow, toFieldIssues, type FieldIssue } from '../validation.ts';
import { withTx } from '../tx.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { findCommune, findDepartement } from '../territory/territory.ts';
import { toParisIso } from '../../time.ts';
import {
	checkEventCoherence,
	eventCreateSchema,
	eventPatchSchema,
	eventViewSchema,
	type EventCreateInput,
	type EventPatchInput,
	type OrganiserInput
} from './event.schema.ts';
import {
	findEventBySlug,
	listAllEventRowsForAdmin,
	listMemberEventRows,
	listOrganisersByEvent,
	listPublishedDepartements,
	listPublishedEventRows,
	listVisibleEventRows,
	replaceOrganisers,
	slugExists,
	updateEventRow,
	type EventRow,
	type OrganiserRow
} from './event.queries.ts';
import { labelWarning, labelDeadline } from './label.ts';
import { seedPreparation } from '../planning/task.service.ts';
import { redateCampaignTasks } from '../campaigns/campaign-tasks.ts';
import { emitWebhook } from '../webhooks/webhook.service.ts';

export interface ServiceContext {
	db: DbOrTx;
	/** Absolute base URL of the public site, for the `url` of each event. */
	publicUrl: string;
}

export type EventView = z.output<typeof eventViewSchema>;

/** A row and its organisers as the app and the API show them (dates with Paris's offset). */
export function toEventView(row: EventRow, organisers: OrganiserRow[], publicUrl: string, today: Date = new Date()): EventView {
	// Stored values were validated on the way in; the casts restate the enums for TypeScript.
	const startsAt = toIso(row.starts_at);
	const label = { status: row.label_status, requestedOn: row.label_requested_on };
	const hasVenue = row.venue_name || row.venue_insee_code || row.venue_address;
	return {
		id: row.id,
		slug: row.slug,
		title: row.title,
		edition: row.edition,
		description: row.description,
		themes: JSON.parse(row.themes) as string[],
		startsAt: toParisIso(startsAt),
		endsAt: toParisIso(toIso(row.ends_at)),
		format: row.format as EventView['format'],
		status: row.status as EventView['status'],
		url: `${publicUrl.replace(/\/$/, '')}/e/${row.slug}`,
		venue: hasVenue
			? {
					name: row.venue_name,
					address: row.venue_address,
					inseeCode: row.venue_insee_code,
					commune: row.venue_commune,
					departement: row.venue_departement
				}
			: null,
		onlineUrl: row.online_url,
		organisers: organisers.map((o) => ({
			name: o.name,
			type: o.type,
			siret: o.siret,
			rna: o.rna,
			role: o.role
		})) as EventView['organisers'],
		label: { ...(label as EventView['label']), deadline: labelDeadline(startsAt), warning: labelWarning(label, startsAt, today) },
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
		publishedAt: toIso(row.published_at),
		version: Number(row.version)
	};
}

/** Lower-case ASCII words joined by hyphens, for URLs. */
export function slugify(text: string): string {
	return (
		text
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 70)
			.replace(/-+$/, '') || 'evenement'
	);
}

async function freeSlug(db: DbOrTx, base: string): Promise<string> {
	let candidate = base.length >= 3 ? base : `${base}-nec`;
	for (let n = 2; await slugExists(db, candidate); n++) candidate = `${base}-${n}`;
	return candidate;
}

function venueColumns(input: Pick<EventCreateInput, 'venue'>) {
	const commune = input.venue?.inseeCode ? findCommune(input.venue.inseeCode) : null;
	return {
		venue_name: input.venue?.name ?? null,
		venue_address: input.venue?.address ?? null,
		venue_insee_code: commune?.inseeCode ?? null,
		venue_commune: commune?.name ?? null,
		venue_departement: commune?.departement ?? null
	};
}

function organiserColumns(organisers: OrganiserInput[]) {
	return organisers.map((o) => ({ name: o.name, type: o.type, siret: o.siret ?? null, rna: o.rna ?? null, role: o.role }));
}

/**
 * Creates a draft event from unvalidated input; the actor becomes its owner. A slug is made from
 * the title when none is given (made unique); a given slug that is taken is a ValidationError.
 */
export async function createEvent(ctx: ServiceContext, actor: Actor, input: unknown): Promise<EventView> {
	if (!actor) throw new NotFoundError('actor');
	const data = parseOrThrow(eventCreateSchema, input);
	return withTx(ctx.db, async (tx) => {
		let slug: string;
		if (data.slug) {
			if (await slugExists(tx, data.slug)) throw new ValidationError([{ field: 'slug', message: 'errors.slugTaken' }]);
			slug = data.slug;
		} else {
			slug = await freeSlug(tx, slugify(data.title));
		}
		const now = nowIso();
		const id = crypto.randomUUID();
		await tx
			.insertInto('event')
			.values({
				id,
				slug,
				title: data.title,
				edition: data.edition ?? null,
				description: data.description,
				themes: JSON.stringify(data.themes),
				starts_at: data.startsAt,
				ends_at: data.endsAt,
				format: data.format,
				...venueColumns(data),
				online_url: data.onlineUrl ?? null,
				label_status: data.label.status,
				label_requested_on: data.label.requestedOn ?? null,
				status: 'draft',
				created_by: actor.id,
				created_at: now,
				updated_at: now,
				published_at: null
			})
			.execute();
		await replaceOrganisers(tx, id, organiserColumns(data.organisers));
		await tx.insertInto('event_member').values({ event_id: id, user_id: actor.id, role: 'owner', created_at: now }).execute();
		// Every new event starts from the good-practice retro-planning and logistics checklist.
		await seedPreparation(tx, id);
		return loadView(ctx, tx, slug);
	});
}

async function loadView(ctx: ServiceContext, db: DbOrTx, slug: string): Promise<EventView> {
	const row = await findEventBySlug(db, slug);
	if (!row) throw new NotFoundError('event');
	const organisers = await listOrganisersByEvent(db, [row.id]);
	return toEventView(row, organisers.get(row.id) ?? [], ctx.publicUrl);
}

/** The stored event as an input object, to validate a patch merged onto it. */
function rowAsInput(row: EventRow, organisers: OrganiserRow[]) {
	return {
		title: row.title,
		slug: row.slug,
		edition: row.edition,
		description: row.description,
		themes: JSON.parse(row.themes) as string[],
		startsAt: toIso(row.starts_at),
		endsAt: toIso(row.ends_at),
		format: row.format as EventCreateInput['format'],
		venue: { name: row.venue_name, address: row.venue_address, inseeCode: row.venue_insee_code },
		onlineUrl: row.online_url,
		organisers: organisers.map((o) => ({ name: o.name, type: o.type, siret: o.siret, rna: o.rna, role: o.role })) as OrganiserInput[],
		label: { status: row.label_status, requestedOn: row.label_requested_on }
	};
}

type StoredInput = ReturnType<typeof rowAsInput>;

/**
 * A patch checked field by field and, merged onto the stored event, as a whole, in one go: a
 * ValidationError carries the fields' problems and the coherence problems together. The valid
 * part of a patch with bad fields is merged so that the rules that read only valid fields still
 * speak (a bad title does not hide an end before the start).
 */
function parsePatchOnto(stored: StoredInput, input: unknown): { patch: EventPatchInput; merged: StoredInput & { status?: string } } {
	const parsed = eventPatchSchema.safeParse(input);
	let patch: EventPatchInput = {};
	let fieldIssues: FieldIssue[] = [];
	const invalid = new Set<string>();
	if (parsed.success) patch = parsed.data;
	else {
		fieldIssues = toFieldIssues(parsed.error);
		// Not an object at all: there is nothing to merge.
		if (!input || typeof input !== 'object' || Array.isArray(input)) throw new ValidationError(fieldIssues);
		for (const issue of parsed.error.issues)
			if (issue.path.length) invalid.add(String(issue.path[0]));
			else if (issue.code === 'unrecognized_keys') issue.keys.forEach((k) => invalid.add(k));
		const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !invalid.has(k)));
		const valid = eventPatchSchema.safeParse(rest);
		if (valid.success) patch = valid.data;
	}
	const merged = {
		...stored,
		...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
	} as StoredInput & { status?: string };
	const coherence = z
		.any()
		.superRefine((v, c) => checkEventCoherence(v, c, invalid))
		.safeParse(merged);
	const issues = [...fieldIssues, ...(coherence.success ? [] : toFieldIssues(coherence.error))];
	if (issues.length) throw new ValidationError(issues);
	return { patch, merged };
}

/**
 * Changes an event (any subset of its fields, and its status: publishing and archiving are
 * patches). Only its owners and organisers may; the merged event must still be coherent. With
 * `version` (form, If-Match): StaleVersionError and nothing written when it changed since.
 */
export async function updateEvent(
	ctx: ServiceContext,
	actor: Actor,
	slug: string,
	input: unknown,
	version?: ExpectedVersion
): Promise<EventView> {
	return withTx(ctx.db, async (tx) => {
		const row = await findEventBySlug(tx, slug);
		if (!row) throw new NotFoundError('event');
		await assertEventPermission(tx, row.id, actor, 'edit');
		const versions = versionsToWrite(version, Number(row.version));
		const current = (await listOrganisersByEvent(tx, [row.id])).get(row.id) ?? [];
		const { patch, merged } = parsePatchOnto(rowAsInput(row, current), input);
		if (patch.slug && patch.slug !== row.slug && (await slugExists(tx, patch.slug, row.id)))
			throw new ValidationError([{ field: 'slug', message: 'errors.slugTaken' }]);
		const now = nowIso();
		const written = await updateEventRow(
			tx,
			row.id,
			{
				slug: merged.slug,
				title: merged.title,
				edition: merged.edition ?? null,
				description: merged.description,
				themes: JSON.stringify(merged.themes),
				starts_at: merged.startsAt,
				ends_at: merged.endsAt,
				format: merged.format,
				...(patch.venue !== undefined ? venueColumns({ venue: patch.venue }) : {}),
				online_url: merged.onlineUrl ?? null,
				label_status: merged.label.status,
				label_requested_on: merged.label.status === 'not_requested' ? null : (merged.label.requestedOn ?? null),
				status: patch.status ?? row.status,
				published_at: patch.status === 'published' && !row.published_at ? now : row.published_at,
				updated_at: now
			},
			versions
		);
		if (!written) {
			const stored = await findEventBySlug(tx, slug);
			throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
		}
		if (patch.organisers !== undefined) await replaceOrganisers(tx, row.id, organiserColumns(patch.organisers));
		if (toIso(row.starts_at) !== merged.startsAt || toIso(row.ends_at) !== merged.endsAt)
			await redateCampaignTasks(tx, row.id, { starts_at: merged.startsAt, ends_at: merged.endsAt });
		await emitWebhook(tx, row.id, 'event.updated', { event: { id: row.id, slug: merged.slug! } });
		return loadView(ctx, tx, merged.slug!);
	});
}

/**
 * One event, if the viewer may see it: published and archived events are public, drafts only
 * to their team and administrators (anyone else gets NotFoundError).
 */
export async function getEvent(
	ctx: ServiceContext,
	viewer: Actor,
	slug: string
): Promise<EventView & { role: EventRole | 'admin' | null }> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	const role = await getEventRole(ctx.db, row.id, viewer);
	if (row.status === 'draft' && !roleAllows(role, 'view')) throw new NotFoundError('event');
	const organisers = await listOrganisersByEvent(ctx.db, [row.id]);
	return { ...toEventView(row, organisers.get(row.id) ?? [], ctx.publicUrl), role };
}

/** Like getEvent, but for the team's own pages: NotFoundError for anyone without a role. */
export async function getEventForTeam(ctx: ServiceContext, actor: Actor, slug: string): Promise<EventView & { role: EventRole | 'admin' }> {
	const row = await findEventBySlug(ctx.db, slug);
	if (!row) throw new NotFoundError('event');
	const role = await assertEventPermission(ctx.db, row.id, actor, 'view');
	const organisers = await listOrganisersByEvent(ctx.db, [row.id]);
	return { ...toEventView(row, organisers.get(row.id) ?? [], ctx.publicUrl), role };
}

async function withOrganisers(ctx: ServiceContext, rows: EventRow[]): Promise<EventView[]> {
	const organisers = await listOrganisersByEvent(
		ctx.db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => toEventView(r, organisers.get(r.id) ?? [], ctx.publicUrl));
}

/** Published events for the home page: upcoming (soonest first) and past (latest first). */
export async function listPublicEvents(ctx: ServiceContext, filter: { departement?: string } = {}, now: Date = new Date()) {
	const nowStr = now.toISOString();
	const [upcoming, past] = await Promise.all([
		listPublishedEventRows(ctx.db, { departement: filter.departement, from: nowStr, order: 'asc' }),
		listPublishedEventRows(ctx.db, { departement: filter.departement, before: nowStr, order: 'desc' })
	]);
	return { upcoming: await withOrganisers(ctx, upcoming), past: await withOrganisers(ctx, past) };
}

/** Events for `GET /api/v1/events`: the published ones, plus the caller's own (drafts included). */
export async function listEventsForApi(ctx: ServiceContext, actor: Actor): Promise<EventView[]> {
	const rows = actor?.isAdmin ? await listAllEventRowsForAdmin(ctx.db) : await listVisibleEventRows(ctx.db, actor?.id ?? null);
	return withOrganisers(ctx, rows);
}

/** The events where the actor holds a role, with that role, for the organiser's dashboard. */
export async function listMyEvents(ctx: ServiceContext, actor: Actor): Promise<(EventView & { role: string })[]> {
	if (!actor) return [];
	const rows = await listMemberEventRows(ctx.db, actor.id);
	const views = await withOrganisers(ctx, rows);
	return views.map((v, i) => ({ ...v, role: rows[i].member_role }));
}

/** The départements where published events take place, with their names, for the home page filter. */
export async function listPublicEventDepartements(ctx: ServiceContext): Promise<{ code: string; name: string }[]> {
	const codes = await listPublishedDepartements(ctx.db);
	return codes.map((code) => ({ code, name: findDepartement(code)?.name ?? code }));
}

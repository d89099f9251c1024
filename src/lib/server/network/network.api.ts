/**
 * The network's API: needs and offers (`/needs-offers`) and meetings between participants
 * (`/events/{slug}/meetings-between-participants`), as the screens have them. A participant calls
 * with their private link's token as a bearer (their event's network), a signed-in person with
 * their API token (the territory's network, or with `event` an event's board they organise, read
 * only). Answers carry public-safe fields only: names, structures and directory entry ids of people
 * who opted in, never an address; the team sees counts of meetings, never who meets whom.
 */
import { z } from 'zod';
import type { ServiceContext } from '../events/event.service.ts';
import { POST_CATEGORIES, POST_KINDS } from '../../ui/network/vocabulary.ts';
import { NotFoundError, ValidationError, parseOrThrow, ForbiddenError } from '../validation.ts';
import { countEventMeetings } from './meeting.queries.ts';
import { listFreeSlots, listMyMeetings, requestMeeting } from './meeting.service.ts';
import { resolveEventViewer, type NetworkWho } from './network-viewer.ts';
import { postFilterSchema, postInputSchema } from './post.schema.ts';
import { createPost, listPosts, updatePost } from './post.service.ts';
import { versionField, type ExpectedVersion } from '../edit-version.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const eventSlug = z.preprocess(blankToUndefined, z.string().trim().max(200).optional());

/** `GET /needs-offers`: the board's filters, plus the event (slug) whose board is read. */
export const postApiFilterSchema = postFilterSchema.extend({ event: eventSlug });

/** `POST /needs-offers`: the form's schema, plus the event (slug) of a participant's private link. */
export const postApiInputSchema = postInputSchema.extend({ event: eventSlug });

export const postApiViewSchema = z.object({
	id: z.string(),
	kind: z.enum(POST_KINDS),
	category: z.enum(POST_CATEGORIES),
	title: z.string(),
	description: z.string(),
	theme: z.string(),
	departement: z.string().nullable(),
	endsOn: z.string().nullable(),
	author: z.object({
		id: z.string().meta({ description: 'Son entrée dans l’annuaire (pour lui demander une rencontre)' }),
		name: z.string(),
		structureName: z.string()
	}),
	mine: z.boolean(),
	matches: z.array(z.object({ id: z.string(), kind: z.enum(POST_KINDS), title: z.string() })),
	version: versionField
});
export type PostApiView = z.output<typeof postApiViewSchema>;

/** `PATCH /needs-offers/{id}`: the form's fields, all optional (those left out stay). */
export const postApiPatchSchema = postInputSchema.partial().strict();
export const postApiListSchema = z.object({ items: z.array(postApiViewSchema), total: z.number().int() });

const meetingStatus = z.enum(['pending', 'accepted', 'declined', 'cancelled']);
export const meetingApiViewSchema = z.object({
	id: z.string(),
	received: z.boolean().meta({ description: 'Demande reçue (vrai) ou envoyée (faux)' }),
	other: z.object({ id: z.string(), name: z.string(), structureName: z.string() }),
	startsAt: z.string(),
	endsAt: z.string(),
	place: z.string(),
	message: z.string(),
	status: meetingStatus
});
export const meetingApiListSchema = z.object({
	meetings: z.array(meetingApiViewSchema).meta({ description: 'Les rencontres de la personne (toujours vide pour l’équipe)' }),
	counts: z.record(z.string(), z.number().int()).meta({ description: 'Rencontres de l’événement par statut (équipe) ou de la personne' }),
	freeSlots: z
		.array(z.object({ startsAt: z.string(), endsAt: z.string(), during: z.string(), room: z.string().nullable() }))
		.optional()
		.meta({ description: 'Avec `?with=` : les créneaux à venir où la personne et celle-ci sont libres toutes les deux' })
});

/** The participant's event must be `slug` (NotFoundError otherwise); the team needs `view` on it. */
async function checkEvent(ctx: ServiceContext, who: NetworkWho, slug: string | undefined) {
	if (slug === undefined) return null;
	return resolveEventViewer(ctx.db, who, slug);
}

/** The posts the caller may see, filtered, with public-safe fields only. */
export async function listPostsForApi(ctx: ServiceContext, who: NetworkWho, input: unknown, now: Date = new Date()) {
	const { event, ...filter } = parseOrThrow(postApiFilterSchema, input ?? {});
	await checkEvent(ctx, who, event);
	const board = await listPosts(ctx, who, 'actor' in who ? event : undefined, filter, now);
	const items = board.items.map((p) => ({
		id: p.id,
		kind: p.kind,
		category: p.category,
		title: p.title,
		description: p.description,
		theme: p.theme,
		departement: p.departement,
		endsOn: p.endsOn,
		author: { id: p.author.id, name: p.author.name, structureName: p.author.structureName },
		mine: p.mine,
		matches: p.matches.map((m) => ({ id: m.id, kind: m.kind, title: m.title })),
		version: p.version
	}));
	return { items, total: items.length };
}

/** One post the caller may see (`event`: as for the list), else NotFoundError. */
export async function getPostForApi(
	ctx: ServiceContext,
	who: NetworkWho,
	id: string,
	event?: string,
	now: Date = new Date()
): Promise<PostApiView> {
	const post = (await listPostsForApi(ctx, who, { event }, now)).items.find((p) => p.id === id);
	if (!post) throw new NotFoundError('post');
	return post;
}

/**
 * The author changes their post: the fields sent replace its own, the others stay; with `version`
 * (If-Match) only while it has not changed since. NotFoundError for anyone else's post.
 */
export async function patchPostForApi(
	ctx: ServiceContext,
	who: NetworkWho,
	id: string,
	body: unknown,
	version?: ExpectedVersion,
	now: Date = new Date()
) {
	const current = await getPostForApi(ctx, who, id, undefined, now).catch((e) => {
		// The team's view of an event's board is read only: no post of theirs there either.
		if (e instanceof ForbiddenError) throw new NotFoundError('post');
		throw e;
	});
	if (!current.mine) throw new NotFoundError('post');
	const patch = parseOrThrow(postApiPatchSchema, body);
	const { kind, category, title, description, theme, departement, endsOn } = current;
	await updatePost(ctx, who, id, { kind, category, title, description, theme, departement, endsOn, ...patch }, version, now);
	return getPostForApi(ctx, who, id, undefined, now);
}

/**
 * Posts a need or an offer as the caller: a participant in their event's board (`event`, when
 * given, must be theirs), a signed-in person in the territory's board (the team does not post in
 * an event's board: its people do, from their private link).
 */
export async function createPostForApi(ctx: ServiceContext, who: NetworkWho, input: unknown, now: Date = new Date()) {
	const parsed = parseOrThrow(postApiInputSchema, input);
	if (parsed.event !== undefined && 'actor' in who)
		throw new ValidationError([{ field: 'event', message: 'people.errors.eventPostFromLink' }]);
	await checkEvent(ctx, who, parsed.event);
	const { event: _event, ...post } = parsed;
	return createPost(ctx, who, post, now);
}

/**
 * The participant's meetings in the event (with `withId`, a directory entry: also the slots where
 * both are free), or the event's counts by status for its team.
 */
export async function listMeetingsForApi(ctx: ServiceContext, who: NetworkWho, slug: string, withId?: string, now: Date = new Date()) {
	const viewer = await resolveEventViewer(ctx.db, who, slug);
	if (viewer.kind === 'organiser') return { meetings: [], counts: await countEventMeetings(ctx.db, viewer.event.id) };
	if (!('token' in who)) throw new NotFoundError('event');
	const meetings = (await listMyMeetings(ctx, who.token, now)).map((m) => ({
		id: m.id,
		received: m.received,
		other: { id: m.otherId, name: m.otherName, structureName: m.otherStructure },
		startsAt: m.startsAt,
		endsAt: m.endsAt,
		place: m.place,
		message: m.message,
		status: m.status
	}));
	const counts: Record<string, number> = {};
	for (const m of meetings) counts[m.status] = (counts[m.status] ?? 0) + 1;
	if (!withId) return { meetings, counts };
	return { meetings, counts, freeSlots: (await listFreeSlots(ctx, who.token, withId, now)).slots };
}

/** A participant asks another for a meeting in a free informal-time slot (the team may not). */
export async function requestMeetingForApi(ctx: ServiceContext, who: NetworkWho, slug: string, input: unknown, now: Date = new Date()) {
	const viewer = await resolveEventViewer(ctx.db, who, slug);
	if (viewer.kind === 'organiser' || !('token' in who)) throw new ForbiddenError('team-does-not-meet');
	return requestMeeting(ctx, who.token, input, now);
}

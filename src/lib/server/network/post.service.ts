/**
 * Needs and offers. A person who opted in to a directory posts what they need or offer (typed,
 * with a theme, a territory and an end date); the board of their scope (their event's
 * participants, or the signed-in people) lists them with filters, each with the posts that match
 * it. « Ça m'intéresse » / « Je peux aider » sends a contact request, relayed by e-mail: no
 * address is shown to anyone until the post's author accepts, and then each side gets the other's.
 * Contact requests are limited per person (CONTACTS_PER_DAY in 24 hours).
 */
import type { ServiceContext } from '../events/event.service.ts';
import { newRowId } from '../db/row-id.ts';
import { toIso } from '../db/time.ts';
import { withTx } from '../tx.ts';
import { normaliseText } from '../directory/place.service.ts';
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from '../validation.ts';
import { StaleVersionError, versionsToWrite, type ExpectedVersion } from '../edit-version.ts';
import { findProfileAddress } from './network.queries.ts';
import { mailProfile } from './network-mail.ts';
import { resolveEventViewer, resolveSelf, type NetworkWho } from './network-viewer.ts';
import { matchingPosts } from './post-matching.ts';
import { contactInputSchema, postFilterSchema, postInputSchema, type PostInput, type PostView } from './post.schema.ts';
import {
	countContactsSentSince,
	deletePostRow,
	findContactOnce,
	findContactWithPost,
	findPost,
	insertContact,
	insertPost,
	listContactsOf,
	listScopePosts,
	updateContactStatus,
	updatePostRow,
	type ScopePostRow
} from './post.queries.ts';
import { themeChoices } from './profile.service.ts';

/** Contact requests one person may send in 24 hours. */
export const CONTACTS_PER_DAY = 10;

function todayOf(now: Date): string {
	return now.toISOString().slice(0, 10);
}

type Self = Awaited<ReturnType<typeof resolveSelf>>;

/** A post's theme must be one of its scope's; its end date not past. */
function checkPost(self: Self, parsed: PostInput, now: Date): void {
	if (parsed.theme && !themeChoices(self.event).includes(parsed.theme))
		throw new ValidationError([{ field: 'theme', message: 'errors.invalidChoice' }]);
	if (parsed.endsOn && parsed.endsOn < todayOf(now)) throw new ValidationError([{ field: 'endsOn', message: 'people.errors.endsInPast' }]);
}

/** A post's columns from its input; without a département, the author's. */
function postColumns(self: Self, parsed: PostInput) {
	return {
		kind: parsed.kind,
		category: parsed.category,
		title: parsed.title,
		description: parsed.description,
		theme: parsed.theme,
		departement: parsed.departement ?? self.profile.departement,
		ends_on: parsed.endsOn ?? null
	};
}

/** Posts a need or an offer in the person's scope. */
export async function createPost(ctx: ServiceContext, who: NetworkWho, input: unknown, now: Date = new Date()): Promise<{ id: string }> {
	const self = await resolveSelf(ctx.db, who, now);
	const parsed = parseOrThrow(postInputSchema, input);
	checkPost(self, parsed, now);
	const id = newRowId();
	await insertPost(ctx.db, {
		id,
		profile_id: self.profile.id,
		event_id: self.eventId,
		...postColumns(self, parsed),
		created_at: now.toISOString()
	});
	return { id };
}

/**
 * The author replaces their post's fields (NotFoundError for anyone else's). With `version` (form,
 * If-Match): StaleVersionError and nothing written when it changed since it was loaded.
 */
export async function updatePost(
	ctx: ServiceContext,
	who: NetworkWho,
	postId: string,
	input: unknown,
	version?: ExpectedVersion,
	now: Date = new Date()
): Promise<{ id: string; version: number }> {
	const self = await resolveSelf(ctx.db, who, now);
	const post = await findPost(ctx.db, postId);
	if (!post || post.profile_id !== self.profile.id) throw new NotFoundError('post');
	const versions = versionsToWrite(version, Number(post.version));
	const parsed = parseOrThrow(postInputSchema, input);
	checkPost(self, parsed, now);
	if (!(await updatePostRow(ctx.db, postId, postColumns(self, parsed), versions))) {
		const stored = await findPost(ctx.db, postId);
		throw new StaleVersionError(stored ? Number(stored.version) : null, version !== undefined);
	}
	return { id: postId, version: versions[0] + 1 };
}

/** The author removes their post (with its contact requests). */
export async function deletePost(ctx: ServiceContext, who: NetworkWho, postId: string, now: Date = new Date()): Promise<void> {
	const self = await resolveSelf(ctx.db, who, now);
	const post = await findPost(ctx.db, postId);
	if (!post || post.profile_id !== self.profile.id) throw new NotFoundError('post');
	await deletePostRow(ctx.db, postId);
}

function toMatchable(r: ScopePostRow) {
	return { id: r.id, kind: r.kind, category: r.category, theme: r.theme, departement: r.departement, authorId: r.profile_id };
}

function matchesFilter(r: ScopePostRow, f: ReturnType<typeof postFilterSchema.parse>): boolean {
	if (f.kind && r.kind !== f.kind) return false;
	if (f.category && r.category !== f.category) return false;
	if (f.theme && r.theme !== f.theme) return false;
	if (f.departement && r.departement !== f.departement) return false;
	if (f.q && !normaliseText(`${r.title} ${r.description} ${r.author_name} ${r.author_structure}`).includes(normaliseText(f.q)))
		return false;
	return true;
}

/**
 * The board: the live posts of the viewer's scope, filtered, each with its matches, and the
 * viewer's own posts first in `suggestions` ("X offers what you need"). The team reads its
 * event's board (`slug`), without contacting anyone.
 */
export async function listPosts(ctx: ServiceContext, who: NetworkWho, slug: string | undefined, filter: unknown, now: Date = new Date()) {
	const f = parseOrThrow(postFilterSchema, filter ?? {});
	let eventId: string | null;
	let selfId: string | null = null;
	let choices: string[];
	if ('actor' in who && slug !== undefined) {
		const viewer = await resolveEventViewer(ctx.db, who, slug);
		eventId = viewer.event.id;
		choices = themeChoices(viewer.event);
	} else {
		const self = await resolveSelf(ctx.db, who, now);
		eventId = self.eventId;
		selfId = self.profile.id;
		choices = themeChoices(self.event);
	}
	const rows = await listScopePosts(ctx.db, eventId, todayOf(now));
	const contacted = new Set(
		selfId ? (await listContactsOf(ctx.db, selfId)).filter((c) => c.from_profile_id === selfId).map((c) => c.post_id) : []
	);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const view = (r: ScopePostRow): PostView => ({
		id: r.id,
		kind: r.kind as PostView['kind'],
		category: r.category as PostView['category'],
		title: r.title,
		description: r.description,
		theme: r.theme,
		departement: r.departement,
		endsOn: r.ends_on,
		author: { id: r.profile_id, name: r.author_name, structureName: r.author_structure },
		mine: r.profile_id === selfId,
		version: Number(r.version),
		contacted: selfId === null || r.profile_id === selfId ? null : contacted.has(r.id),
		matches: matchingPosts(toMatchable(r), rows.map(toMatchable)).map((m) => {
			const o = byId.get(m.id)!;
			return { id: o.id, kind: o.kind as PostView['kind'], title: o.title, authorName: o.author_name };
		})
	});
	const items = rows.filter((r) => matchesFilter(r, f)).map(view);
	const suggestions = selfId ? rows.filter((r) => r.profile_id === selfId).map(view) : [];
	return { items, total: items.length, suggestions, themeChoices: choices };
}

/**
 * Asks to be put in touch about a post: the author gets an e-mail with the sender's name,
 * structure and message, never their address. Once per post and person; CONTACTS_PER_DAY a day.
 */
export async function requestContact(ctx: ServiceContext, who: NetworkWho, postId: string, input: unknown, now: Date = new Date()) {
	const self = await resolveSelf(ctx.db, who, now);
	const { message } = parseOrThrow(contactInputSchema, input);
	const post = await findPost(ctx.db, postId);
	if (!post || post.event_id !== self.eventId) throw new NotFoundError('post');
	if (post.profile_id === self.profile.id) throw new ConflictError([{ field: '_', message: 'people.errors.ownPost' }]);
	return withTx(ctx.db, async (tx) => {
		if (await findContactOnce(tx, postId, self.profile.id))
			throw new ConflictError([{ field: '_', message: 'people.errors.alreadyContacted' }]);
		const since = new Date(now.getTime() - 86_400_000).toISOString();
		if ((await countContactsSentSince(tx, self.profile.id, since)) >= CONTACTS_PER_DAY)
			throw new ConflictError([{ field: '_', message: 'people.errors.contactRateLimited', params: { max: CONTACTS_PER_DAY } }]);
		const id = newRowId();
		await insertContact(tx, {
			id,
			post_id: postId,
			from_profile_id: self.profile.id,
			message,
			status: 'pending',
			created_at: now.toISOString(),
			decided_at: null
		});
		await mailProfile(tx, ctx.publicUrl, post.profile_id, post.event_id, '/besoins', (t) => ({
			kind: 'network-contact-request',
			subject: t('people.posts.mail.requestSubject', { title: post.title }),
			title: t('people.posts.mail.requestTitle'),
			paragraphs: [
				t(`people.posts.mail.requestLine.${post.kind}`, {
					name: self.profile.display_name,
					structure: self.profile.structure_name || '—',
					title: post.title
				}),
				message,
				t('people.posts.mail.requestPrivacy')
			],
			actionLabel: t('people.posts.mail.answer')
		}));
		return { id };
	});
}

/**
 * The post's author accepts or declines a contact request. On acceptance each side gets an e-mail
 * with the other's name and address; on refusal the sender learns it, without a reason.
 */
export async function answerContact(ctx: ServiceContext, who: NetworkWho, contactId: string, accept: boolean, now: Date = new Date()) {
	const self = await resolveSelf(ctx.db, who, now);
	const contact = await findContactWithPost(ctx.db, contactId);
	if (!contact || contact.post_author_id !== self.profile.id) throw new NotFoundError('contact');
	await withTx(ctx.db, async (tx) => {
		if ((await updateContactStatus(tx, contactId, accept ? 'accepted' : 'declined', now.toISOString())) === 0)
			throw new ConflictError([{ field: '_', message: 'people.errors.alreadyAnswered' }]);
		const [authorAddress, senderAddress] = await Promise.all([
			findProfileAddress(tx, self.profile.id),
			findProfileAddress(tx, contact.from_profile_id)
		]);
		const sender = await tx
			.selectFrom('network_profile')
			.select('display_name')
			.where('id', '=', contact.from_profile_id)
			.executeTakeFirst();
		const tell = (to: string, otherName: string, otherEmail: string | null | undefined) =>
			mailProfile(tx, ctx.publicUrl, to, contact.event_id, '/besoins', (t) => ({
				kind: accept ? 'network-contact-accepted' : 'network-contact-declined',
				subject: t(accept ? 'people.posts.mail.acceptedSubject' : 'people.posts.mail.declinedSubject', { title: contact.post_title }),
				title: t(accept ? 'people.posts.mail.acceptedTitle' : 'people.posts.mail.declinedTitle'),
				paragraphs: accept
					? [t('people.posts.mail.acceptedLine', { name: otherName, email: otherEmail ?? '—', title: contact.post_title })]
					: [t('people.posts.mail.declinedLine', { title: contact.post_title })],
				actionLabel: t('people.posts.mail.open')
			}));
		if (accept) {
			await tell(contact.from_profile_id, self.profile.display_name, authorAddress?.email);
			await tell(self.profile.id, sender?.display_name ?? '', senderAddress?.email);
		} else await tell(contact.from_profile_id, self.profile.display_name, null);
	});
}

/** The person's contact requests, received and sent; the other side's address only once accepted. */
export async function listMyContacts(ctx: ServiceContext, who: NetworkWho, now: Date = new Date()) {
	const self = await resolveSelf(ctx.db, who, now);
	const rows = await listContactsOf(ctx.db, self.profile.id);
	const out = [];
	for (const r of rows) {
		const received = r.author_id === self.profile.id;
		const otherId = received ? r.from_profile_id : r.author_id;
		const email = r.status === 'accepted' ? ((await findProfileAddress(ctx.db, otherId))?.email ?? null) : null;
		out.push({
			id: r.id,
			received,
			postTitle: r.post_title,
			postKind: r.post_kind,
			otherName: received ? r.sender_name : r.author_name,
			otherStructure: received ? r.sender_structure : r.author_structure,
			message: r.message,
			status: r.status as 'pending' | 'accepted' | 'declined',
			createdAt: toIso(r.created_at),
			email
		});
	}
	return out;
}

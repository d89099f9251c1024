/**
 * The members of the directory's structures. A signed-in person asks to be attached to a structure
 * ("Je fais partie de cette structure", with a word on who they are); a moderator of the directory
 * or one of the structure's members accepts or refuses, and the person is told by e-mail. A member
 * then edits the structure (name, type, commune) and its places directly, with the rules a
 * moderator's acceptance applies, at the version their form was loaded from (no lost update);
 * anyone else still suggests corrections (suggestion.service.ts). A member leaves when they wish; a
 * moderator removes anyone. Structures are gathered on read: a membership names the structure's
 * id, and follows its merges (an id merged into another counts for that one).
 * Who sees whom: members and moderators see the members and the requests (names and notes), only
 * moderators see addresses; everyone else sees nothing of them.
 */
import type { Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { toIso } from '../db/time.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { isLang, translator } from '../../i18n/index.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { withTx } from '../tx.ts';
import { readVersion } from '../edit-version.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseOrThrow } from '../validation.ts';
import { findPlaceBySchemaId } from './place.queries.ts';
import { canModerateDirectory, assertDirectoryModerator, getPlace, savePlaceChange } from './place.service.ts';
import {
	assertStructureUnchanged,
	getStructure,
	listStructures,
	structureIdResolver,
	structureVersion,
	type StructureView
} from './structure.service.ts';
import { placeIssues } from './suggestion.service.ts';
import { upsertStructureCorrection } from './suggestion.queries.ts';
import {
	activateMembership,
	deleteMembership,
	insertMembership,
	listMembersOf,
	listMembershipsOfUser,
	listPendingMemberships
} from './membership.queries.ts';
import {
	membershipDecisionSchema,
	membershipRequestSchema,
	placeEditSchema,
	structureEditSchema,
	type MembershipRequestItem,
	type MembershipView
} from './membership.schema.ts';

/** Requests a moderator's queue shows at once. */
const QUEUE_LIMIT = 200;

type MemberRow = Awaited<ReturnType<typeof listMembersOf>>[number];

/** The structure (merged spellings followed) and the ids that mean it now. */
async function structureAndIds(ctx: ServiceContext, id: string): Promise<{ structure: StructureView; ids: string[] }> {
	// An id merged into another answers that one (getStructure).
	const { mergedInto: _, ...structure } = await getStructure(ctx, id);
	return { structure, ids: (await structureIdResolver(ctx)).aliasesOf(structure.id) };
}

const statusOf = (rows: MemberRow[], actor: Actor): 'none' | 'pending' | 'active' => {
	const mine = actor ? rows.find((r) => r.user_id === actor.id) : undefined;
	return mine ? (mine.status === 'active' ? 'active' : 'pending') : 'none';
};

function view(structure: StructureView, rows: MemberRow[], actor: Actor): MembershipView {
	const me = statusOf(rows, actor);
	const moderator = canModerateDirectory(actor);
	const canEdit = moderator || me === 'active';
	return {
		structureId: structure.id,
		structureName: structure.name,
		version: structureVersion(structure),
		me,
		canEdit,
		members: canEdit
			? rows.map((r) => ({
					userId: r.user_id,
					name: r.name.trim() || '—',
					status: r.status === 'active' ? ('active' as const) : ('pending' as const),
					note: r.note,
					since: toIso(r.created_at),
					email: moderator ? r.email : null
				}))
			: []
	};
}

/**
 * Where the caller stands with a structure, and (members, moderators) its members and requests.
 * A page that has just read the structure (not a merged spelling) passes it: it is not gathered
 * twice, and no one signed in reads no membership at all.
 */
export async function getMembership(ctx: ServiceContext, actor: Actor, structureId: string, read?: StructureView): Promise<MembershipView> {
	if (read && read.id === structureId) {
		if (!actor) return view(read, [], actor);
		return view(read, await listMembersOf(ctx.db, (await structureIdResolver(ctx)).aliasesOf(read.id)), actor);
	}
	const { structure, ids } = await structureAndIds(ctx, structureId);
	return view(structure, await listMembersOf(ctx.db, ids), actor);
}

/** The caller may change the structure and its places: a member, or a moderator. NotFoundError for no one signed in. */
async function editorOf(ctx: ServiceContext, actor: Actor, structureId: string) {
	if (!actor) throw new NotFoundError('user');
	const { structure, ids } = await structureAndIds(ctx, structureId);
	const rows = await listMembersOf(ctx.db, ids);
	if (!canModerateDirectory(actor) && statusOf(rows, actor) !== 'active') throw new ForbiddenError('structure');
	return { structure, rows, ids };
}

/** A signed-in person asks to be attached to the structure; ConflictError when they already asked or are a member. */
export async function requestMembership(ctx: ServiceContext, actor: Actor, structureId: string, input: unknown, now = new Date()) {
	if (!actor) throw new NotFoundError('user');
	const { note } = parseOrThrow(membershipRequestSchema, input);
	const { structure, ids } = await structureAndIds(ctx, structureId);
	const before = await listMembersOf(ctx.db, ids);
	const conflict = () => new ConflictError([{ field: '_', message: 'directory.members.errors.already' }]);
	if (statusOf(before, actor) !== 'none') throw conflict();
	const inserted = await insertMembership(ctx.db, {
		structure_id: structure.id,
		user_id: actor.id,
		status: 'pending',
		note,
		created_at: now.toISOString(),
		decided_at: null,
		decided_by: null
	});
	if (!inserted) throw conflict();
	return view(structure, await listMembersOf(ctx.db, ids), actor);
}

async function tellRequester(db: DbOrTx, publicUrl: string, row: MemberRow, structure: StructureView, accepted: boolean) {
	const lang = isLang(row.locale) ? row.locale : 'fr';
	const t = translator(lang);
	const outcome = accepted ? 'accepted' : 'refused';
	const rendered = renderMail({
		lang,
		title: t(`directory.members.mail.${outcome}Title`),
		paragraphs: [t(`directory.members.mail.${outcome}Line`, { name: structure.name })],
		action: { label: t('directory.members.mail.open'), url: `${publicUrl}/annuaire/structures/${encodeURIComponent(structure.id)}` }
	});
	await enqueueMail(db, {
		kind: `directory-membership-${outcome}`,
		to: row.email,
		subject: t(`directory.members.mail.${outcome}Subject`, { name: structure.name }),
		...rendered
	});
}

/**
 * Accepts or refuses a request (the structure's members, the directory's moderators); the person
 * is told by e-mail. ConflictError when there is no request of theirs waiting (decided meanwhile).
 */
export async function decideMembership(
	ctx: ServiceContext,
	actor: Actor,
	structureId: string,
	userId: string,
	input: unknown,
	now = new Date()
): Promise<MembershipView> {
	const { decision } = parseOrThrow(membershipDecisionSchema, input);
	const { structure, rows, ids } = await editorOf(ctx, actor, structureId);
	const row = rows.find((r) => r.user_id === userId && r.status === 'pending');
	if (!row) throw new ConflictError([{ field: '_', message: 'directory.members.errors.decided' }]);
	await withTx(ctx.db, async (tx) => {
		const done =
			decision === 'accepted'
				? await activateMembership(tx, row.structure_id, userId, actor!.id, now.toISOString())
				: await deleteMembership(tx, row.structure_id, userId, 'pending');
		if (!done) throw new ConflictError([{ field: '_', message: 'directory.members.errors.decided' }]);
		await tellRequester(tx, ctx.publicUrl, row, structure, decision === 'accepted');
	});
	return view(structure, await listMembersOf(ctx.db, ids), actor);
}

/**
 * Ends a membership or withdraws a request (the answer says which it was): one's own, or anyone's
 * for a moderator. NotFoundError when there is nothing to end (or someone else's, for others than moderators).
 */
export async function removeMembership(
	ctx: ServiceContext,
	actor: Actor,
	structureId: string,
	userId: string
): Promise<'pending' | 'active'> {
	if (!actor) throw new NotFoundError('user');
	if (actor.id !== userId && !canModerateDirectory(actor)) throw new NotFoundError('member');
	const { ids } = await structureAndIds(ctx, structureId);
	const row = (await listMembersOf(ctx.db, ids)).find((r) => r.user_id === userId);
	if (!row || !(await deleteMembership(ctx.db, row.structure_id, userId))) throw new NotFoundError('member');
	return row.status === 'active' ? 'active' : 'pending';
}

/** The requests waiting for a decision, oldest first, with their structure (moderators). */
export async function listMembershipRequests(ctx: ServiceContext, actor: Actor): Promise<MembershipRequestItem[]> {
	assertDirectoryModerator(actor);
	const rows = await listPendingMemberships(ctx.db, QUEUE_LIMIT);
	if (!rows.length) return [];
	const { resolve } = await structureIdResolver(ctx);
	const names = new Map((await listStructures(ctx, {})).items.map((s) => [s.id, s.name]));
	return rows.map((r) => {
		const id = resolve(r.structure_id);
		return {
			structureId: id,
			structureName: names.get(id) ?? id,
			userId: r.user_id,
			name: r.name.trim() || '—',
			status: 'pending' as const,
			note: r.note,
			since: toIso(r.created_at),
			email: r.email
		};
	});
}

/**
 * A member (or a moderator) changes the structure's name, type and commune at once, over the
 * version their form showed (`version`: StaleVersionError, nothing written, when it changed since).
 * The values replace what was gathered, as an accepted correction does.
 */
export async function editStructure(ctx: ServiceContext, actor: Actor, structureId: string, input: unknown, now = new Date()) {
	const parsed = parseOrThrow(structureEditSchema, input);
	const { structure } = await editorOf(ctx, actor, structureId);
	assertStructureUnchanged(structure, parsed.version);
	await withTx(ctx.db, async (tx) => {
		for (const field of ['name', 'type', 'commune'] as const)
			if ((structure[field] ?? '') !== parsed[field])
				await upsertStructureCorrection(tx, structure.id, field, parsed[field], now.toISOString());
	});
	return getStructure(ctx, structure.id);
}

/**
 * A member (or a moderator) changes one field of one of the structure's places, checked by the
 * schema's rules as an import row is (ValidationError on `value` otherwise), over the version their
 * form showed. NotFoundError for a place that is not the structure's.
 */
export async function editStructurePlace(
	ctx: ServiceContext,
	actor: Actor,
	structureId: string,
	placeId: string,
	input: unknown,
	now = new Date()
) {
	const parsed = parseOrThrow(placeEditSchema, input);
	const { structure } = await editorOf(ctx, actor, structureId);
	if (!structure.places.some((p) => p.id === placeId)) throw new NotFoundError('place');
	const stored = await findPlaceBySchemaId(ctx.db, placeId);
	if (!stored) throw new NotFoundError('place');
	const checked = placeIssues(stored, parsed.field, parsed.value, now);
	if ('issues' in checked) throw new ValidationError(checked.issues);
	const version = parsed.version === undefined ? undefined : (readVersion(parsed.version) ?? -1);
	await savePlaceChange(ctx.db, stored, checked.place, version);
	return getPlace(ctx, placeId);
}

/** The structures the person belongs to (active), for their pages. */
export async function structuresOfMember(ctx: ServiceContext, actor: Actor): Promise<string[]> {
	if (!actor) return [];
	const { resolve } = await structureIdResolver(ctx);
	return (await listMembershipsOfUser(ctx.db, actor.id)).filter((m) => m.status === 'active').map((m) => resolve(m.structure_id));
}

/**
 * On a place's page: the structure through which the caller may edit the place directly (one of
 * theirs whose place it is; for a moderator, any structure it belongs to), with the place's
 * version for the form; null for everyone else.
 */
export async function placeEditorOf(
	ctx: ServiceContext,
	actor: Actor,
	placeId: string
): Promise<{ structureId: string; structureName: string; version: string } | null> {
	if (!actor) return null;
	const stored = await findPlaceBySchemaId(ctx.db, placeId);
	if (!stored) return null;
	const mine = canModerateDirectory(actor) ? null : new Set(await structuresOfMember(ctx, actor));
	if (mine?.size === 0) return null;
	const structure = (await listStructures(ctx, {})).items.find((s) => s.places.some((p) => p.id === placeId) && (!mine || mine.has(s.id)));
	return structure ? { structureId: structure.id, structureName: structure.name, version: String(stored.version) } : null;
}

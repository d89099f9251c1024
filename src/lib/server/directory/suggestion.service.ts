/**
 * Corrections of the directory suggested by anyone. A visitor of a place's or a structure's page
 * proposes a new value for one field (with a note and, if they wish, their address); the value is
 * checked at once by the rules an edit would follow (a place: the schema's, as an import checks a
 * row; a structure: its name, type or commune), and stored pending. A moderator accepts it (the
 * value is checked again against the record as it is now, then applied; invalid: the French
 * reason, nothing applied) or refuses it. The suggester, if they left an address, is told by
 * e-mail; the address is forgotten with the decision. At most MAX_PENDING_PER_TARGET corrections
 * wait on one record; the pages also limit them per client address (directory.http.ts).
 */
import type { Actor } from '../auth/permissions.ts';
import type { DbOrTx } from '../db/index.ts';
import { newRowId } from '../db/row-id.ts';
import { toIso } from '../db/time.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { translator } from '../../i18n/index.ts';
import { enqueueMail } from '../mail/outbox.service.ts';
import { renderMail } from '../mail/mail-layout.ts';
import { withTx } from '../tx.ts';
import { ConflictError, NotFoundError, ValidationError, parseOrThrow, type FieldIssue } from '../validation.ts';
import { z } from 'zod';
import { findPlaceBySchemaId } from './place.queries.ts';
import { assertDirectoryModerator, checkPlaceChange, savePlaceChange, type PlaceRow } from './place.service.ts';
import { assertStructureUnchanged, getStructure, listStructures, structureVersion } from './structure.service.ts';
import { readVersion } from '../edit-version.ts';
import {
	PLACE_CORRECTABLE_FIELDS,
	STRUCTURE_CORRECTABLE_FIELDS,
	correctionDecisionSchema,
	structureFieldSchemas,
	suggestionInputSchema,
	type CorrectionQueueItem
} from './suggestion.schema.ts';
import {
	countPendingFor,
	decideSuggestion,
	findPlaceById,
	findSuggestion,
	insertSuggestion,
	listPendingSuggestions,
	upsertStructureCorrection
} from './suggestion.queries.ts';

/** Corrections that may wait on one place or structure at once. */
export const MAX_PENDING_PER_TARGET = 20;

export type SuggestionTarget = { kind: 'place'; id: string } | { kind: 'structure'; id: string };

const today = (now: Date) => now.toISOString().slice(0, 10);

/** The reasons a place's field may not take `value`, on the form's `value` field (also a member's direct edit). */
export function placeIssues(stored: PlaceRow, field: string, value: string, now: Date) {
	if (!PLACE_CORRECTABLE_FIELDS.includes(field)) return { issues: [{ field: 'field', message: 'errors.invalidChoice' }] };
	const checked = checkPlaceChange(stored, field, value, today(now));
	if ('place' in checked) return checked;
	return { issues: checked.issues.map((i) => ({ field: 'value', message: i.message, params: { field: i.field, ...i.params } })) };
}

export function structureIssues(field: string, value: string): FieldIssue[] {
	if (!(STRUCTURE_CORRECTABLE_FIELDS as readonly string[]).includes(field)) return [{ field: 'field', message: 'errors.invalidChoice' }];
	const schema = structureFieldSchemas[field as keyof typeof structureFieldSchemas];
	try {
		parseOrThrow(z.object({ value: schema }), { value });
		return [];
	} catch (e) {
		if (e instanceof ValidationError) return e.issues;
		throw e;
	}
}

/** Suggests a correction (anyone); ValidationError with the reasons when the value would not do. */
export async function suggestCorrection(
	ctx: ServiceContext,
	target: SuggestionTarget,
	input: unknown,
	now: Date = new Date()
): Promise<{ id: string }> {
	const parsed = parseOrThrow(suggestionInputSchema, input);
	let targetId: string;
	let name: string;
	if (target.kind === 'place') {
		const place = await findPlaceBySchemaId(ctx.db, target.id);
		if (!place) throw new NotFoundError('place');
		const checked = placeIssues(place, parsed.field, parsed.value, now);
		if ('issues' in checked) throw new ValidationError(checked.issues);
		targetId = place.id;
		name = place.nom;
	} else {
		const structure = await getStructure(ctx, target.id);
		const issues = structureIssues(parsed.field, parsed.value);
		if (issues.length) throw new ValidationError(issues);
		targetId = structure.id;
		name = structure.name;
	}
	if ((await countPendingFor(ctx.db, target.kind, targetId)) >= MAX_PENDING_PER_TARGET)
		throw new ConflictError([{ field: '_', message: 'directory.corrections.errors.tooMany' }]);
	const id = newRowId();
	await insertSuggestion(ctx.db, {
		id,
		target_kind: target.kind,
		target_id: targetId,
		target_name: name,
		field: parsed.field,
		value: parsed.value,
		note: parsed.note,
		email: parsed.email ?? null,
		status: 'pending',
		created_at: now.toISOString(),
		decided_at: null,
		decided_by: null
	});
	return { id };
}

/** The corrections waiting (moderators), oldest first, each with the value it would replace. */
export async function listCorrectionQueue(ctx: ServiceContext, actor: Actor): Promise<CorrectionQueueItem[]> {
	assertDirectoryModerator(actor);
	const rows = await listPendingSuggestions(ctx.db, 200);
	const structures = rows.some((r) => r.target_kind === 'structure') ? (await listStructures(ctx, {})).items : [];
	const out: CorrectionQueueItem[] = [];
	for (const r of rows) {
		let current: string;
		let version: string;
		let publicId = r.target_id;
		if (r.target_kind === 'place') {
			const place = await findPlaceById(ctx.db, r.target_id);
			const v = place?.[r.field as keyof PlaceRow];
			current = v === null || v === undefined ? '' : String(v);
			version = place ? String(place.version) : '';
			publicId = r.place_schema_id ?? '';
		} else {
			const s = structures.find((x) => x.id === r.target_id);
			current = s ? String(s[r.field as 'name' | 'type' | 'commune'] ?? '') : '';
			version = s ? structureVersion(s) : '';
		}
		out.push({
			id: r.id,
			kind: r.target_kind as 'place' | 'structure',
			publicId,
			targetName: r.target_name,
			field: r.field,
			current,
			/** The place's or structure's version as shown: accepting carries it (no lost update). */
			version,
			value: r.value,
			note: r.note,
			email: r.email,
			createdAt: toIso(r.created_at)
		});
	}
	return out;
}

async function pending(ctx: ServiceContext, actor: Actor, id: string) {
	assertDirectoryModerator(actor);
	const s = await findSuggestion(ctx.db, id);
	if (!s) throw new NotFoundError('suggestion');
	if (s.status !== 'pending') throw new ConflictError([{ field: '_', message: 'directory.corrections.errors.decided' }]);
	return s;
}

type Suggestion = NonNullable<Awaited<ReturnType<typeof findSuggestion>>>;

async function tellSuggester(db: DbOrTx, publicUrl: string, s: Suggestion, accepted: boolean, schemaId: string | null): Promise<void> {
	if (!s.email) return;
	const t = translator('fr');
	const path =
		s.target_kind === 'place'
			? `/annuaire/lieux/${encodeURIComponent(schemaId ?? '')}`
			: `/annuaire/structures/${encodeURIComponent(s.target_id)}`;
	const outcome = accepted ? 'accepted' : 'refused';
	const rendered = renderMail({
		lang: 'fr',
		title: t(`directory.corrections.mail.${outcome}Title`),
		paragraphs: [t(`directory.corrections.mail.${outcome}Line`, { name: s.target_name, field: s.field, value: s.value })],
		action: { label: t('directory.corrections.mail.open'), url: `${publicUrl}${path}` }
	});
	await enqueueMail(db, {
		kind: `directory-correction-${outcome}`,
		to: s.email,
		subject: t(`directory.corrections.mail.${outcome}Subject`, { name: s.target_name }),
		...rendered
	});
}

/**
 * Accepts a correction (moderators): the value is checked against the record as it is now and
 * applied; a ValidationError (field `value`, French reason) leaves everything as it was. With
 * `seen` (the queue's version of the place or structure): StaleVersionError, nothing applied, when
 * it changed since the queue was loaded (the queue shows its value as it is now).
 */
export async function acceptCorrection(
	ctx: ServiceContext,
	actor: Actor,
	id: string,
	now: Date = new Date(),
	seen?: string
): Promise<void> {
	const s = await pending(ctx, actor, id);
	if (seen !== undefined && s.target_kind === 'structure')
		assertStructureUnchanged(
			(await listStructures(ctx, {})).items.find((x) => x.id === s.target_id),
			seen
		);
	await withTx(ctx.db, async (tx) => {
		let schemaId: string | null = null;
		if (s.target_kind === 'place') {
			const stored = await findPlaceById(tx, s.target_id);
			if (!stored) throw new ValidationError([{ field: 'value', message: 'directory.corrections.errors.gone' }]);
			const checked = placeIssues(stored, s.field, s.value, now);
			if ('issues' in checked) throw new ValidationError(checked.issues);
			const version = seen === undefined ? undefined : (readVersion(seen) ?? -1);
			await savePlaceChange(tx, stored, checked.place, version);
			schemaId = stored.schema_id;
		} else {
			const issues = structureIssues(s.field, s.value);
			if (issues.length) throw new ValidationError(issues.map((i) => ({ ...i, field: 'value' })));
			await upsertStructureCorrection(tx, s.target_id, s.field, s.value.trim(), now.toISOString());
		}
		if ((await decideSuggestion(tx, s.id, 'accepted', actor?.id ?? null, now.toISOString())) === 0)
			throw new ConflictError([{ field: '_', message: 'directory.corrections.errors.decided' }]);
		await tellSuggester(tx, ctx.publicUrl, s, true, schemaId);
	});
}

/** Refuses a correction (moderators): nothing changes but its status. */
export async function refuseCorrection(ctx: ServiceContext, actor: Actor, id: string, now: Date = new Date()): Promise<void> {
	const s = await pending(ctx, actor, id);
	await withTx(ctx.db, async (tx) => {
		if ((await decideSuggestion(tx, s.id, 'refused', actor?.id ?? null, now.toISOString())) === 0)
			throw new ConflictError([{ field: '_', message: 'directory.corrections.errors.decided' }]);
		const place = s.target_kind === 'place' ? await findPlaceById(tx, s.target_id) : null;
		await tellSuggester(tx, ctx.publicUrl, s, false, place?.schema_id ?? null);
	});
}

/**
 * Accepts or refuses a correction as `input.decision` says (moderators; the API's single address
 * for both); an acceptance with `input.version` is refused as stale when the record changed since.
 */
export async function decideCorrection(ctx: ServiceContext, actor: Actor, id: string, input: unknown, now: Date = new Date()) {
	assertDirectoryModerator(actor);
	const { decision, version } = parseOrThrow(correctionDecisionSchema, input);
	if (decision === 'accepted') await acceptCorrection(ctx, actor, id, now, version);
	else await refuseCorrection(ctx, actor, id, now);
	return { id, decision };
}

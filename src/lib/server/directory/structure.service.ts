/**
 * The directory's structures, gathered on read from what Maillage already holds and is public:
 * the organising structures of published events (on their event's page) and the organisations of
 * their confirmed speakers (on the programme). One structure per SIRET, else per RNA, else per
 * normalised name and commune; a record without a commune (a speaker's organisation) joins the one
 * structure of that name when there is exactly one. Moderators merge two spellings of the same
 * organisation (`directory_structure_merge`). Each structure lists the events it took part in and
 * the places whose pivot is its SIRET or RNA; corrections accepted by a moderator replace its name,
 * type or commune (`directory_structure_correction`). Only public fields. A structure lists its
 * people only when they agreed to it (`network_profile.public_on_structure`, ticked on their
 * network entry): their name and role, nothing else, matched to the structure by the name (and
 * commune) of their structure; opting in to an event's directory alone lists nobody here. A
 * structure that no published event names is in the directory when such a person names it.
 */
import { createHash } from 'node:crypto';
import { toIso } from '../db/time.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { withTx } from '../tx.ts';
import { NotFoundError, ValidationError, parseOrThrow } from '../validation.ts';
import { StaleVersionError } from '../edit-version.ts';
import { z } from 'zod';
import { assertDirectoryModerator, normaliseText } from './place.service.ts';
import {
	deleteStructureMerge,
	listPlacesByPivot,
	listPublishedOrganisers,
	listPublishedSpeakerOrganisations,
	listStructureMerges,
	redirectStructureMerges,
	upsertStructureMerge
} from './structure.queries.ts';
import { listStructureCorrections } from './suggestion.queries.ts';
import { listPublicStructurePeople } from '../network/network.queries.ts';

export const structureQuerySchema = z.object({
	q: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional())
});

export const structureViewSchema = z.object({
	id: z.string().meta({ description: '`siret-…`, `rna-…` ou `nom-…` : stable tant que ces données ne changent pas' }),
	name: z.string(),
	type: z.string(),
	siret: z.string().nullable(),
	rna: z.string().nullable(),
	commune: z.string().nullable(),
	events: z.array(z.object({ slug: z.string(), title: z.string(), startsAt: z.string(), role: z.string() })),
	places: z.array(z.object({ id: z.string(), nom: z.string(), commune: z.string() })),
	people: z
		.array(z.object({ name: z.string(), role: z.string() }))
		.meta({ description: 'Les personnes de la structure qui ont accepté d’y figurer : leur nom et leur rôle, rien d’autre' })
});
export type StructureView = z.output<typeof structureViewSchema>;
export const structureListSchema = z.object({ items: z.array(structureViewSchema), total: z.number().int() });

const slugOf = (text: string) =>
	normaliseText(text)
		.replace(/[^a-z0-9]+/gu, '-')
		.replace(/^-|-$/gu, '');

/** One mention of a structure by an event, before matching. */
interface Mention {
	name: string;
	type: string;
	siret: string | null;
	rna: string | null;
	commune: string | null;
	event: StructureView['events'][number];
}

function idOf(m: Pick<Mention, 'siret' | 'rna' | 'name' | 'commune'>): string {
	if (m.siret) return `siret-${m.siret.replace(/\s/gu, '')}`;
	if (m.rna) return `rna-${m.rna.toUpperCase()}`;
	return ['nom', slugOf(m.name), m.commune ? slugOf(m.commune) : ''].filter(Boolean).join('-');
}

async function mentions(ctx: ServiceContext): Promise<Mention[]> {
	const [organisers, speakers] = await Promise.all([listPublishedOrganisers(ctx.db), listPublishedSpeakerOrganisations(ctx.db)]);
	const event = (r: { slug: string; title: string; starts_at: unknown }, role: string) => ({
		slug: r.slug,
		title: r.title,
		startsAt: toIso(r.starts_at as string),
		role
	});
	return [
		...organisers.map((o) => ({
			name: o.name,
			type: o.type,
			siret: o.siret,
			rna: o.rna,
			commune: o.venue_commune,
			event: event(o, o.role)
		})),
		...speakers.map((sp) => ({ name: sp.organisation, type: '', siret: null, rna: null, commune: null, event: event(sp, 'speaker') }))
	];
}

/** Where a merged id leads (following merges of merges), or the id itself. */
function resolver(merges: { from_id: string; into_id: string }[]): (id: string) => string {
	const into = new Map(merges.map((m) => [m.from_id, m.into_id]));
	return (id) => {
		let at = id;
		for (let i = 0; i < 20 && into.has(at); i++) at = into.get(at)!;
		return at;
	};
}

async function gather(ctx: ServiceContext): Promise<StructureView[]> {
	const [all, merges, corrections] = await Promise.all([mentions(ctx), listStructureMerges(ctx.db), listStructureCorrections(ctx.db)]);
	const resolve = resolver(merges);
	const byId = new Map<string, StructureView>();
	// Name and commune → id, then name alone → ids: identified mentions first, so that a mention
	// without SIRET or RNA joins the identified structure of the same name and commune.
	const byNameCommune = new Map<string, string>();
	const byName = new Map<string, Set<string>>();
	const ordered = [
		...all.filter((m) => m.siret || m.rna),
		...all.filter((m) => !m.siret && !m.rna && m.commune),
		...all.filter((m) => !m.siret && !m.rna && !m.commune)
	];
	for (const m of ordered) {
		const name = slugOf(m.name);
		if (!name) continue;
		let id: string;
		if (m.siret || m.rna) id = idOf(m);
		else if (m.commune) id = byNameCommune.get(`${name}|${slugOf(m.commune)}`) ?? idOf(m);
		else {
			const same = byName.get(name);
			id = same?.size === 1 ? [...same][0] : idOf(m);
		}
		if (m.commune) byNameCommune.set(`${name}|${slugOf(m.commune)}`, id);
		byName.set(name, (byName.get(name) ?? new Set()).add(id));
		id = resolve(id);
		let s = byId.get(id);
		if (!s) {
			s = { id, name: m.name, type: m.type, siret: m.siret, rna: m.rna, commune: m.commune, events: [], places: [], people: [] };
			byId.set(id, s);
		}
		s.siret ??= m.siret;
		s.rna ??= m.rna;
		s.commune ??= m.commune;
		if (!s.type) s.type = m.type;
		if (!s.events.some((e) => e.slug === m.event.slug && e.role === m.event.role)) s.events.push(m.event);
	}
	// Corrections accepted by a moderator, or made by a member, replace what was gathered (suggestion.service.ts).
	const correct = (s: StructureView) => {
		for (const c of corrections)
			if (resolve(c.structure_id) === s.id && (c.field === 'name' || c.field === 'type' || c.field === 'commune')) s[c.field] = c.value;
	};
	for (const s of byId.values()) correct(s);
	const structures = [...byId.values()];
	const pivots = structures.flatMap((s) => [s.siret, s.rna].filter((p): p is string => !!p));
	for (const p of await listPlacesByPivot(ctx.db, pivots)) {
		for (const s of structures)
			if (s.siret === p.pivot || s.rna === p.pivot) s.places.push({ id: p.schema_id, nom: p.nom, commune: p.commune });
	}
	// People who agreed to be listed: by their structure's name and commune, else its name when
	// one structure alone bears it (as gathered, or as a moderator corrected it).
	const byFinalName = new Map<string, string[]>();
	for (const s of structures) byFinalName.set(slugOf(s.name), [...(byFinalName.get(slugOf(s.name)) ?? []), s.id]);
	for (const p of await listPublicStructurePeople(ctx.db)) {
		const name = slugOf(p.structure_name);
		if (!name) continue;
		const named = byName.get(name);
		const found =
			(p.commune ? byNameCommune.get(`${name}|${slugOf(p.commune)}`) : undefined) ??
			(named?.size === 1 ? [...named][0] : undefined) ??
			(byFinalName.get(name)?.length === 1 ? byFinalName.get(name)![0] : undefined);
		let s = found ? byId.get(resolve(found)) : undefined;
		if (!s) {
			// A structure no published event names: the people who agreed to appear on its page
			// make it known to the directory (by its name and commune, as they gave them).
			const id = resolve(idOf({ siret: null, rna: null, name: p.structure_name, commune: p.commune }));
			s = byId.get(id);
			if (!s) {
				const type = p.structure_type || 'autre';
				s = { id, name: p.structure_name.trim(), type, siret: null, rna: null, commune: p.commune, events: [], places: [], people: [] };
				correct(s);
				byId.set(id, s);
				structures.push(s);
				if (p.commune) byNameCommune.set(`${name}|${slugOf(p.commune)}`, id);
				byName.set(name, (byName.get(name) ?? new Set()).add(id));
			}
		}
		s.people.push({ name: p.display_name, role: p.role });
	}
	return structures.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/**
 * What every id of the directory resolves to now (merged spellings → the structure they were
 * merged into), and the ids that mean one structure now (its own and the spellings merged into it).
 */
export async function structureIdResolver(
	ctx: ServiceContext
): Promise<{ resolve: (id: string) => string; aliasesOf: (id: string) => string[] }> {
	const merges = await listStructureMerges(ctx.db);
	const resolve = resolver(merges);
	return { resolve, aliasesOf: (id) => [id, ...merges.map((m) => m.from_id).filter((from) => from !== id && resolve(from) === id)] };
}

/** Structures of the directory (public), filtered by a text in their name. */
export async function listStructures(ctx: ServiceContext, input: unknown): Promise<{ items: StructureView[]; total: number }> {
	const { q } = parseOrThrow(structureQuerySchema, input);
	const needle = q ? normaliseText(q) : null;
	const items = (await gather(ctx)).filter((s) => !needle || normaliseText(s.name).includes(needle));
	return { items, total: items.length };
}

/**
 * One structure by its id (public); NotFoundError when none. An id merged into another answers
 * that one (`mergedInto` says so, for a permanent redirect).
 */
export async function getStructure(ctx: ServiceContext, id: string): Promise<StructureView & { mergedInto?: string }> {
	const target = resolver(await listStructureMerges(ctx.db))(id);
	const found = (await gather(ctx)).find((s) => s.id === target);
	if (!found) throw new NotFoundError('structure');
	return target === id ? found : { ...found, mergedInto: target };
}

/**
 * A structure's version: it has no row of its own (gathered on read), so the digest of what it
 * shows; any accepted correction, merge, event or place that changes it changes this. A screen
 * carries it so that a moderator never acts on a structure that changed since it was loaded.
 */
export function structureVersion(s: StructureView): string {
	return createHash('sha256').update(JSON.stringify(s)).digest('hex').slice(0, 16);
}

/** StaleVersionError when a structure a screen named with its version (`seen`) now shows something else. */
export function assertStructureUnchanged(current: StructureView | undefined, seen: string | undefined): void {
	if (seen !== undefined && (!current || structureVersion(current) !== seen)) throw new StaleVersionError(null, true);
}

const idField = (description: string) =>
	z
		.string({ error: 'errors.required' })
		.trim()
		.min(1, { error: 'errors.required' })
		.max(300, { error: 'errors.tooLong' })
		.meta({ description });
const seenField = z
	.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(64).optional())
	.meta({ description: 'La `version` de la structure lue (modération) : 412 et rien de fusionné si elle a changé depuis' });
export const mergeSchema = z.object({
	from: idField('La structure à fondre dans l’autre (son id, qui mènera ensuite à `into`)'),
	into: idField('La structure qui reste'),
	fromVersion: seenField,
	intoVersion: seenField
});

export const structureModerationSchema = z.object({
	structures: z.array(z.object({ id: z.string(), name: z.string(), commune: z.string().nullable(), events: z.number().int() })),
	duplicates: z
		.array(
			z.array(
				z.object({
					id: z.string(),
					name: z.string(),
					commune: z.string().nullable(),
					siret: z.string().nullable(),
					rna: z.string().nullable(),
					version: z.string().meta({ description: 'À renvoyer en `fromVersion` / `intoVersion` pour fusionner' })
				})
			)
		)
		.meta({ description: 'Groupes de structures aux noms voisins (formes juridiques et articles mis à part), à examiner' }),
	merges: z.array(
		z.object({
			from: z.string(),
			into: z.string(),
			intoName: z.string().meta({ description: 'Nom de la structure où mène `from` (en suivant les fusions de fusions)' }),
			at: z.string()
		})
	)
});
export type StructureModeration = z.output<typeof structureModerationSchema>;

/** What a moderator sees: duplicates to look at (same name, other ids) and the merges made. */
export async function getStructureModeration(ctx: ServiceContext, actor: Actor): Promise<StructureModeration> {
	assertDirectoryModerator(actor);
	const [structures, merges] = await Promise.all([gather(ctx), listStructureMerges(ctx.db)]);
	const groups = new Map<string, StructureView[]>();
	for (const s of structures) {
		// Same words once the legal forms and articles are left out: "Association Les Connectés" and "Les connectés".
		const key = slugOf(s.name)
			.split('-')
			.filter((w) => !['association', 'asso', 'les', 'la', 'le', 'l', 'de', 'des', 'du', 'd', 'et'].includes(w))
			.join('-');
		groups.set(key, [...(groups.get(key) ?? []), s]);
	}
	const names = new Map(structures.map((s) => [s.id, s.name]));
	return {
		structures: structures.map((s) => ({ id: s.id, name: s.name, commune: s.commune, events: s.events.length })),
		duplicates: [...groups.values()]
			.filter((g) => g.length > 1)
			.map((g) => g.map((s) => ({ id: s.id, name: s.name, commune: s.commune, siret: s.siret, rna: s.rna, version: structureVersion(s) }))),
		merges: merges.map((m) => ({
			from: m.from_id,
			into: m.into_id,
			intoName: names.get(resolver(merges)(m.into_id)) ?? m.into_id,
			at: toIso(m.merged_at)
		}))
	};
}

/**
 * Merges the structure `from` into `into` (moderators); both must be structures of the directory
 * now. With `fromVersion`/`intoVersion` (the screen's): StaleVersionError, nothing merged, when
 * either side changed since the screen was loaded.
 */
export async function mergeStructures(ctx: ServiceContext, actor: Actor, input: unknown): Promise<void> {
	assertDirectoryModerator(actor);
	const { from, into, fromVersion, intoVersion } = parseOrThrow(mergeSchema, input);
	if (from === into) throw new ValidationError([{ field: 'into', message: 'directory.structures.sameStructure' }]);
	const byId = new Map((await gather(ctx)).map((s) => [s.id, s]));
	if (!byId.has(from)) throw new ValidationError([{ field: 'from', message: 'directory.structures.unknown' }]);
	if (!byId.has(into)) throw new ValidationError([{ field: 'into', message: 'directory.structures.unknown' }]);
	assertStructureUnchanged(byId.get(from), fromVersion);
	assertStructureUnchanged(byId.get(into), intoVersion);
	await withTx(ctx.db, async (tx) => {
		await redirectStructureMerges(tx, from, into);
		await upsertStructureMerge(tx, { from_id: from, into_id: into, merged_by: actor?.id ?? null, merged_at: new Date().toISOString() });
	});
}

/** Undoes a merge (moderators): `from` is a structure of its own again. */
export async function unmergeStructure(ctx: ServiceContext, actor: Actor, from: string): Promise<void> {
	assertDirectoryModerator(actor);
	if (!(await deleteStructureMerge(ctx.db, from))) throw new NotFoundError('structure');
}

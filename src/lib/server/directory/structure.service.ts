/**
 * The directory's structures, gathered on read from what Maillage already holds: today the
 * organising structures of published events (public on their event's page). One structure per
 * SIRET, else per RNA, else per normalised name; each lists the events it took part in and the
 * places whose pivot is its SIRET or RNA. Only public fields: nothing about people.
 */
import { toIso } from '../db/time.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { NotFoundError, parseOrThrow } from '../validation.ts';
import { z } from 'zod';
import { normaliseText } from './place.service.ts';
import { listPlacesByPivot, listPublishedOrganisers } from './structure.queries.ts';

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
	places: z.array(z.object({ id: z.string(), nom: z.string(), commune: z.string() }))
});
export type StructureView = z.output<typeof structureViewSchema>;
export const structureListSchema = z.object({ items: z.array(structureViewSchema), total: z.number().int() });

function keyOf(o: { siret: string | null; rna: string | null; name: string }): string {
	if (o.siret) return `siret-${o.siret.replace(/\s/gu, '')}`;
	if (o.rna) return `rna-${o.rna.toUpperCase()}`;
	return `nom-${normaliseText(o.name)
		.replace(/[^a-z0-9]+/gu, '-')
		.replace(/^-|-$/gu, '')}`;
}

async function gather(ctx: ServiceContext): Promise<StructureView[]> {
	const byKey = new Map<string, StructureView>();
	for (const o of await listPublishedOrganisers(ctx.db)) {
		const id = keyOf(o);
		let s = byKey.get(id);
		if (!s) {
			s = { id, name: o.name, type: o.type, siret: o.siret, rna: o.rna, commune: o.venue_commune, events: [], places: [] };
			byKey.set(id, s);
		}
		s.siret ??= o.siret;
		s.rna ??= o.rna;
		if (!s.events.some((e) => e.slug === o.slug))
			s.events.push({ slug: o.slug, title: o.title, startsAt: toIso(o.starts_at), role: o.role });
	}
	const structures = [...byKey.values()];
	const pivots = structures.flatMap((s) => [s.siret, s.rna].filter((p): p is string => !!p));
	for (const p of await listPlacesByPivot(ctx.db, pivots)) {
		for (const s of structures)
			if (s.siret === p.pivot || s.rna === p.pivot) s.places.push({ id: p.schema_id, nom: p.nom, commune: p.commune });
	}
	return structures.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Structures of the directory (public), filtered by a text in their name. */
export async function listStructures(ctx: ServiceContext, input: unknown): Promise<{ items: StructureView[]; total: number }> {
	const { q } = parseOrThrow(structureQuerySchema, input);
	const needle = q ? normaliseText(q) : null;
	const items = (await gather(ctx)).filter((s) => !needle || normaliseText(s.name).includes(needle));
	return { items, total: items.length };
}

/** One structure by its id (public); NotFoundError when none. */
export async function getStructure(ctx: ServiceContext, id: string): Promise<StructureView> {
	const found = (await gather(ctx)).find((s) => s.id === id);
	if (!found) throw new NotFoundError('structure');
	return found;
}

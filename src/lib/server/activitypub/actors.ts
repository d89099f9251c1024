/**
 * What the announcements need without Fedify: the local actors an event goes out as, and the
 * version that tells whether a public event changed since it was announced. The announce job reads
 * these first and loads Fedify (some 60 MB resident) only when something is to be sent.
 */
import { toIso } from '../db/time.ts';
import { listOrganisersByEvent, type EventRow, type OrganiserRow } from '../events/event.queries.ts';
import type { DbOrTx } from '../db/index.ts';
import { foldText } from '../national/event-figures.service.ts';
import { listAnnouncedRows, listPublicEventRows } from './activitypub.queries.ts';

export const INSTANCE_ACTOR = 'instance';

/** The local actor of an organising structure: by SIRET, else RNA, else its folded name. */
export function organiserIdentifier(o: Pick<OrganiserRow, 'name' | 'siret' | 'rna'>): string | null {
	if (o.siret && /^\d{14}$/.test(o.siret)) return `siret-${o.siret}`;
	if (o.rna && /^W\d{9}$/.test(o.rna)) return `rna-${o.rna.toLowerCase()}`;
	const slug = foldText(o.name)
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
	return slug ? `s-${slug}` : null;
}

/** The local actors an event goes out as: the instance and each of its organising structures. */
export function actorsOf(organisers: OrganiserRow[]): string[] {
	const ids = new Set([INSTANCE_ACTOR]);
	for (const o of organisers) {
		const id = organiserIdentifier(o);
		if (id) ids.add(id);
	}
	return [...ids];
}

/** What changes an announced event: when it differs from the announced one, an Update goes out. */
export function eventVersion(row: EventRow, organisers: OrganiserRow[]): string {
	return `${toIso(row.updated_at)}|${organisers.map((o) => `${o.name}:${o.siret ?? ''}:${o.rna ?? ''}`).join(',')}`;
}

type AnnouncedRow = Awaited<ReturnType<typeof listAnnouncedRows>>[number];

export interface AnnouncementChanges {
	/** Public events never announced (`before` undefined) or changed since (`before` their last announcement). */
	changed: { event: EventRow; organisers: OrganiserRow[]; version: string; actors: string[]; before?: AnnouncedRow }[];
	/** Announced events that are no longer public. */
	gone: AnnouncedRow[];
}

/** Public events compared with what was announced: three statements, whatever the number of events. */
export async function listAnnouncementChanges(db: DbOrTx): Promise<AnnouncementChanges> {
	const [events, announced] = await Promise.all([listPublicEventRows(db), listAnnouncedRows(db)]);
	const organisers = await listOrganisersByEvent(
		db,
		events.map((e) => e.id)
	);
	const previous = new Map(announced.map((a) => [a.event_id, a]));
	const changed: AnnouncementChanges['changed'] = [];
	for (const event of events) {
		const orgs = organisers.get(event.id) ?? [];
		const version = eventVersion(event, orgs);
		const before = previous.get(event.id);
		previous.delete(event.id);
		if (before?.version !== version) changed.push({ event, organisers: orgs, version, actors: actorsOf(orgs), before });
	}
	return { changed, gone: [...previous.values()] };
}

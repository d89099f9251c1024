/**
 * Maillage events as ActivityStreams `Event` objects, and back. The object's id is the event's
 * public URL (as in every feed). What a national view needs and ActivityStreams has no word for
 * (commune's INSEE code, département, format, label, axes, organisers' names) travels as
 * schema.org `PropertyValue` attachments, the way Mastodon carries profile fields; Mobilizon and
 * Mastodon show the name, dates, place and text and ignore the rest.
 */
import { Temporal as PolyfillTemporal } from '@js-temporal/polyfill';
import { Event as ApEvent, Hashtag, Place, PropertyValue, PUBLIC_COLLECTION } from '@fedify/fedify/vocab';
import { toIso } from '../db/time.ts';
import type { EventRow, OrganiserRow } from '../events/event.queries.ts';
import type { RemoteEventRow } from '../federation/federation.queries.ts';
import { findCommune } from '../territory/territory.ts';
import { actorsOf } from './actors.ts';

/**
 * An instant for Fedify's objects: Node 24 has no Temporal yet, so the polyfill Fedify itself
 * uses makes it; Fedify's types name the standard Temporal, which the polyfill implements.
 */
export function instant(iso: string | Date): Temporal.Instant {
	return PolyfillTemporal.Instant.from(toIso(iso)) as unknown as Temporal.Instant;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function eventUrl(publicUrl: string, slug: string): URL {
	return new URL(`${publicUrl.replace(/\/+$/, '')}/e/${encodeURIComponent(slug)}`);
}

/** The event as an ActivityStreams object, addressed to the public and the followers of `followers`. */
export function toApEvent(
	publicUrl: string,
	row: EventRow,
	organisers: OrganiserRow[],
	uris: { actor: (identifier: string) => URL; followers: URL }
): ApEvent {
	const url = eventUrl(publicUrl, row.slug);
	const commune = row.venue_insee_code ? findCommune(row.venue_insee_code) : null;
	const themes = (JSON.parse(row.themes) as string[]).filter(Boolean);
	const field = (name: string, value: string | null | undefined) => (value ? [new PropertyValue({ name, value })] : []);
	const place =
		row.format === 'online'
			? null
			: new Place({ name: [row.venue_name, row.venue_address, row.venue_commune].filter(Boolean).join(', ') || null });
	return new ApEvent({
		id: url,
		url,
		name: row.title,
		content: row.description
			.split(/\n{2,}/)
			.map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br>')}</p>`)
			.join(''),
		startTime: instant(row.starts_at),
		endTime: instant(row.ends_at),
		published: instant(row.published_at ?? row.created_at),
		updated: instant(row.updated_at),
		location: place,
		attributions: actorsOf(organisers).map((id) => uris.actor(id)),
		to: PUBLIC_COLLECTION,
		cc: uris.followers,
		tags: themes.map((t) => new Hashtag({ name: `#${t.replace(/\s+/g, '')}` })),
		attachments: [
			...field('codeInsee', commune?.inseeCode ?? row.venue_insee_code),
			...field('departement', row.venue_departement),
			...field('format', row.format),
			...field('label', row.label_status),
			...themes.flatMap((t) => field('axe', t)),
			...organisers.flatMap((o) => field('organisateur', o.name))
		]
	});
}

const text = (v: unknown, max: number): string | null => {
	if (typeof v !== 'string') return null;
	const s = v
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return s ? s.slice(0, max) : null;
};

/**
 * A received `Event` as a remote event row of `instance`, or null when it is not usable (no id
 * on the instance's origin, no name or dates). Only plain text is kept; the commune, its
 * département and région come from the official list through the INSEE code.
 */
export async function fromApEvent(instance: { id: string; url: string }, object: ApEvent): Promise<RemoteEventRow | null> {
	const id = object.id;
	if (!id || id.origin !== new URL(instance.url).origin) return null;
	const title = text(object.name?.toString(), 300);
	if (!title || !object.startTime) return null;
	const starts = new Date(object.startTime.epochMilliseconds);
	const ends = object.endTime ? new Date(object.endTime.epochMilliseconds) : starts;
	const fields = new Map<string, string[]>();
	let attachments = 0;
	for await (const a of object.getAttachments()) {
		if (++attachments > 100) break;
		if (!(a instanceof PropertyValue)) continue;
		const name = a.name?.toString() ?? '';
		const value = text(a.value?.toString(), 300);
		if (value) fields.set(name, [...(fields.get(name) ?? []), value]);
	}
	const first = (k: string) => fields.get(k)?.[0] ?? null;
	const commune = findCommune(first('codeInsee') ?? '');
	const departement = commune?.departement ?? (/^(\d{2,3}|2[AB])$/.test(first('departement') ?? '') ? first('departement') : null);
	const format = first('format');
	const label = first('label');
	return {
		instance_id: instance.id,
		url: id.href,
		title,
		starts_at: starts.toISOString(),
		ends_at: ends.toISOString(),
		format: format && ['onsite', 'online', 'hybrid'].includes(format) ? format : 'onsite',
		commune: commune?.name ?? null,
		insee_code: commune?.inseeCode ?? null,
		departement,
		themes: JSON.stringify((fields.get('axe') ?? []).slice(0, 10)),
		organisers: JSON.stringify((fields.get('organisateur') ?? []).slice(0, 50)),
		label: label && ['not_requested', 'requested', 'granted', 'refused'].includes(label) ? label : 'not_requested'
	};
}

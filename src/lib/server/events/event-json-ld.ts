/**
 * schema.org Event data for search engines and agendas: the fields their event guides list as
 * required and recommended (name, dates, `location` as a Place with a PostalAddress and, online
 * or hybrid, a VirtualLocation, `eventStatus`, `eventAttendanceMode`, `organizer` with a `url`,
 * `offers` for a free registration, `performer`, `image` when there is one).
 */
import { findCommune } from '../territory/territory.ts';
import type { EventView } from './event.service.ts';

const MODES = {
	onsite: 'https://schema.org/OfflineEventAttendanceMode',
	online: 'https://schema.org/OnlineEventAttendanceMode',
	hybrid: 'https://schema.org/MixedEventAttendanceMode'
} as const;

type LdEvent = Pick<EventView, 'title' | 'startsAt' | 'endsAt' | 'url' | 'description' | 'format' | 'venue' | 'onlineUrl' | 'organisers'>;

/** The venue as a schema.org Place (a room first when given), with its postal address. */
export function placeLd(venue: EventView['venue'], room?: string | null) {
	if (!venue?.name && !room) return undefined;
	const commune = venue?.inseeCode ? findCommune(venue.inseeCode) : null;
	return {
		'@type': 'Place',
		name: [room, venue?.name].filter(Boolean).join(', '),
		address: {
			'@type': 'PostalAddress',
			streetAddress: venue?.address || undefined,
			postalCode: commune?.postalCodes[0],
			addressLocality: venue?.commune ?? commune?.name ?? undefined,
			addressCountry: 'FR'
		}
	};
}

/** Where the event happens: the Place, the VirtualLocation, or both for a hybrid event. */
export function locationLd(ev: Pick<LdEvent, 'format' | 'venue' | 'onlineUrl'>, room?: string | null) {
	const place = ev.format === 'online' ? undefined : placeLd(ev.venue, room);
	const virtual = ev.format !== 'onsite' && ev.onlineUrl ? { '@type': 'VirtualLocation', url: ev.onlineUrl } : undefined;
	const both = [place, virtual].filter(Boolean);
	return both.length > 1 ? both : both[0];
}

/**
 * An organising structure with a `url`: its page in the official company directory when its SIRET
 * is known, the event's page otherwise.
 */
function organizerLd(o: EventView['organisers'][number], fallbackUrl: string) {
	return {
		'@type': 'Organization',
		name: o.name,
		url: o.siret ? `https://annuaire-entreprises.data.gouv.fr/etablissement/${o.siret}` : fallbackUrl
	};
}

export interface EventLdOptions {
	/** Whether a place can still be booked (`SoldOut` otherwise). */
	soldOut?: boolean;
	image?: string | null;
	performers?: { name: string; url?: string; image?: string | null }[];
}

/** The event as a schema.org Event (the `@context` included). */
export function eventJsonLd(ev: LdEvent, options: EventLdOptions = {}) {
	return {
		'@context': 'https://schema.org',
		'@type': 'Event',
		name: ev.title,
		startDate: ev.startsAt,
		endDate: ev.endsAt,
		url: ev.url,
		description: ev.description || undefined,
		eventAttendanceMode: MODES[ev.format],
		eventStatus: 'https://schema.org/EventScheduled',
		location: locationLd(ev),
		image: options.image ?? undefined,
		organizer: ev.organisers.map((o) => organizerLd(o, ev.url)),
		isAccessibleForFree: true,
		offers: {
			'@type': 'Offer',
			price: 0,
			priceCurrency: 'EUR',
			url: `${ev.url}/inscription`,
			availability: options.soldOut ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock'
		},
		performer: options.performers?.length
			? options.performers.map((p) => ({ '@type': 'Person', name: p.name, url: p.url, image: p.image ?? undefined }))
			: undefined
	};
}

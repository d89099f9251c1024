/** schema.org markup of the published report: a Report about the Event, and its figures as a Dataset. */
import type { PublicReportView } from './report.schema.ts';
import { LICENCE } from './report.export.ts';

export function reportJsonLd(r: PublicReportView, publicUrl: string) {
	const venue = r.event.venue;
	const url = `${publicUrl}/e/${r.event.slug}/bilan`;
	const event = {
		'@type': 'Event',
		name: r.event.title,
		startDate: r.event.startsAt,
		endDate: r.event.endsAt,
		url: `${publicUrl}/e/${r.event.slug}`,
		location: venue?.name
			? { '@type': 'Place', name: venue.name, address: [venue.address, venue.commune].filter(Boolean).join(', ') }
			: undefined,
		organizer: r.event.organisers.map((o) => ({ '@type': 'Organization', name: o.name }))
	};
	return {
		'@context': 'https://schema.org',
		'@graph': [
			{ '@type': 'Report', '@id': url, name: `Bilan – ${r.event.title}`, url, inLanguage: 'fr', about: event, license: LICENCE.url },
			{
				'@type': 'Dataset',
				name: `Chiffres du bilan – ${r.event.title}`,
				description: 'Chiffres agrégés : participation, structures, programme, préparation (sans donnée personnelle).',
				url,
				license: LICENCE.url,
				isBasedOn: url,
				variableMeasured: r.participation ? ['registered', 'attended', 'structures', 'elus'] : [],
				distribution: [
					{ '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: `${url}/donnees.json` },
					{ '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${url}/donnees.csv` }
				]
			}
		]
	};
}

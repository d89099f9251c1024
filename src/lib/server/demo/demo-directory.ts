/**
 * The demo's directory: a few fictional places of digital mediation in Creuse and Haute-Vienne,
 * imported as the national schema's CSV by the instance's moderator, as an instance would load
 * its territory's places. Names and numbers are invented (the pivots are valid but fictional
 * SIRET numbers); communes, postcodes and coordinates are real.
 */
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { SERVICES, type SchemaRow } from '../directory/lieux-schema.ts';
import { writeSchemaCsv } from '../directory/place-csv.ts';
import { importPlacesCsv } from '../directory/place.service.ts';

const [DEMARCHES, OUTILS, INSERTION, SECURITE, , , , ACCES] = SERVICES;

const PLACES: SchemaRow[] = [
	{
		id: 'demo-mediatheque-gueret',
		pivot: '99999999900017',
		nom: 'Médiathèque du Bourg (fictive)',
		commune: 'Guéret',
		code_postal: '23000',
		code_insee: '23096',
		adresse: '1 rue de la Démo',
		latitude: '46.1711',
		longitude: '1.8713',
		typologie: 'BIB|MUNI',
		horaires: 'Tu-Sa 10:00-18:00',
		presentation_resume: 'Ateliers numériques le mercredi, aide aux démarches le samedi matin.',
		services: [DEMARCHES, OUTILS, ACCES].join('|'),
		frais_a_charge: 'Gratuit',
		modalites_acces: 'Se présenter|Téléphoner',
		modalites_accompagnement: 'Accompagnement individuel|Dans un atelier collectif'
	},
	{
		id: 'demo-france-services-aubusson',
		pivot: '99999999900025',
		nom: 'France services de la Vallée (fictive)',
		commune: 'Aubusson',
		code_postal: '23200',
		code_insee: '23008',
		adresse: '2 place de l’Exemple',
		latitude: '45.9561',
		longitude: '2.1683',
		typologie: 'MUNI',
		horaires: 'Mo-Fr 09:00-12:00,14:00-17:00',
		presentation_resume: 'Accompagnement aux démarches en ligne, sur rendez-vous ou sans.',
		services: [DEMARCHES, SECURITE].join('|'),
		frais_a_charge: 'Gratuit',
		modalites_acces: 'Se présenter|Téléphoner',
		modalites_accompagnement: 'Accompagnement individuel'
	},
	{
		id: 'demo-tiers-lieu-bourganeuf',
		pivot: '99999999900033',
		nom: 'Tiers-lieu La Démo (fictif)',
		commune: 'Bourganeuf',
		code_postal: '23400',
		code_insee: '23030',
		adresse: '3 avenue Illustrative',
		latitude: '45.9535',
		longitude: '1.7554',
		typologie: 'TIERS_LIEUX',
		horaires: 'We,Fr 14:00-19:00; Sa 10:00-13:00',
		presentation_resume: 'Atelier de réparation, ordinateurs reconditionnés, permanence emploi.',
		services: [OUTILS, INSERTION, ACCES].join('|'),
		frais_a_charge: 'Gratuit sous condition',
		modalites_acces: 'Se présenter',
		modalites_accompagnement: 'Dans un atelier collectif'
	}
];

/** Imports the demo's places; returns how many were imported. */
export async function seedPlaces(ctx: ServiceContext, moderator: NonNullable<Actor>, today: Date): Promise<number> {
	const dateMaj = today.toISOString().slice(0, 10);
	const csv = writeSchemaCsv(PLACES.map((p) => ({ ...p, date_maj: dateMaj })));
	const result = await importPlacesCsv(ctx, moderator, new TextEncoder().encode(csv));
	if (result.refused.length > 0) throw new Error(`demo places refused: ${JSON.stringify(result.refused)}`);
	return result.imported;
}

import { z } from 'zod';
import { errors, etagHeaders, ifMatchParameter, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { accountProfileSchema, networkSettingsSchema } from './profile.service.ts';
import { ownProfileViewSchema } from './profile.schema.ts';

const token = [{ token: [] }];

/** The team's settings of an event's network, and a signed-in person's own entry in the territory's directory. */
export const networkSettingsOpenApi: OpenApiPart = {
	schemas: {
		NetworkSettingsInput: { schema: networkSettingsSchema },
		NetworkSettings: { schema: networkSettingsSchema, output: true },
		NetworkProfileInput: { schema: accountProfileSchema },
		NetworkProfile: { schema: ownProfileViewSchema.extend({ version: z.number().int() }), output: true }
	},
	paths: {
		'/events/{slug}/network-settings': {
			parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'Réglages du réseau de l’événement (équipe)',
				security: token,
				responses: { '200': { description: 'Les réglages', content: jsonOf('NetworkSettings') }, ...errors(401, 404) }
			},
			put: {
				summary:
					'Réglages du réseau de l’événement : point de rencontre des participant·es, jours d’ouverture de l’annuaire après l’événement',
				security: token,
				requestBody: { required: true, content: jsonOf('NetworkSettingsInput') },
				responses: {
					'200': { description: 'Réglages enregistrés', content: jsonOf('NetworkSettings') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		},
		'/network-profile': {
			get: {
				summary: 'Sa propre fiche dans l’annuaire du territoire (personne connectée) ; 404 tant qu’on n’y figure pas',
				security: token,
				responses: { '200': { description: 'La fiche', headers: etagHeaders, content: jsonOf('NetworkProfile') }, ...errors(401, 404) }
			},
			put: {
				summary: 'Rejoindre l’annuaire du territoire, ou remplacer sa fiche (mêmes règles que le formulaire de la page Réseau)',
				description:
					'Les thèmes sont ceux proposés par l’instance (422 sur `themes` sinon) ; le département est un code (87, 2A, 974…). If-Match : l’ETag lu par GET, `"0"` quand GET répondait 404 ; une fiche changée depuis répond 412.',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('NetworkProfileInput') },
				responses: {
					'200': { description: 'La fiche enregistrée', headers: etagHeaders, content: jsonOf('NetworkProfile') },
					...errors(400, 401, 412, 413, 422)
				}
			},
			delete: {
				summary: 'Quitter l’annuaire du territoire : sa fiche est effacée (rien à faire quand on n’y figurait pas)',
				security: token,
				responses: { '204': { description: 'Retirée' }, ...errors(401) }
			}
		}
	}
};

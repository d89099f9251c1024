import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import {
	participantViewSchema,
	registrationInputSchema,
	registrationResultSchema,
	registrationSettingsSchema,
	sessionRegistrationSchema,
	statsSchema
} from './registration.schema.ts';

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const filters = ['status', 'structureType', 'role', 'departement', 'sessionId', 'seatStatus', 'q'].map((name) => ({
	name,
	in: 'query',
	required: false,
	schema: { type: 'string' }
}));

export const registrationOpenApi: OpenApiPart = {
	schemas: {
		RegistrationCreate: { schema: registrationInputSchema },
		RegistrationSettingsPatch: { schema: registrationSettingsSchema },
		SessionRegistrationPatch: { schema: sessionRegistrationSchema },
		Registration: { schema: registrationResultSchema, output: true },
		Participant: { schema: participantViewSchema, output: true },
		RegistrationStats: { schema: statsSchema, output: true }
	},
	paths: {
		'/events/{slug}/registrations': {
			parameters: [slugParam],
			post: {
				summary:
					'S’inscrire (public, sans compte). 201 : inscription créée, avec `manageToken` (lien privé, porteur pour DELETE). 200 : la même adresse était déjà inscrite, rien n’a changé (le lien privé est renvoyé par e-mail). Limité par adresse IP (rafale de 600, puis 10 par seconde).',
				security: [{}],
				requestBody: { required: true, content: jsonOf('RegistrationCreate') },
				responses: {
					'201': { description: 'Inscrit·e (confirmé·e ou en liste d’attente)', content: jsonOf('Registration') },
					'200': { description: 'Déjà inscrit·e : la même inscription', content: jsonOf('Registration') },
					...errors(400, 404, 409, 413, 422, 429)
				}
			},
			get: {
				summary: 'Les inscrit·es (équipe de l’événement) ; chaque lecture est inscrite au journal d’audit',
				security: [{ token: [] }],
				parameters: filters,
				responses: { '200': { description: 'Liste', content: jsonArrayOf('Participant') }, ...errors(401, 404) }
			}
		},
		'/events/{slug}/stats': {
			parameters: [slugParam],
			get: {
				summary:
					'Les chiffres du bilan : participant·es confirmé·es, structures distinctes, élu·es, par type, rôle, département et atelier',
				security: [{ token: [] }],
				responses: { '200': { description: 'Chiffres', content: jsonOf('RegistrationStats') }, ...errors(401, 404) }
			}
		},
		'/registrations/{id}': {
			parameters: [idParam],
			get: {
				summary:
					'Une inscription : en entier pour l’équipe (jeton personnel), ou telle que la personne la voit (son `manageToken` comme porteur)',
				security: [{ token: [] }],
				responses: { '200': { description: 'L’inscription', content: jsonOf('Participant') }, ...errors(401, 404) }
			},
			delete: {
				summary:
					'Annuler une inscription (jeton de l’équipe, ou le `manageToken` de l’inscription comme porteur). Les places libérées vont aux premières personnes en attente, prévenues par e-mail.',
				security: [{ token: [] }],
				responses: { '204': { description: 'Annulée (aussi si elle l’était déjà)' }, ...errors(401, 403, 404) }
			}
		}
	}
};

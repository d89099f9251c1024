import { z } from 'zod';
import { errors, jsonArrayOf, jsonOf, ref, type OpenApiPart } from '../api/openapi-parts.ts';
import {
	ownRegistrationSchema,
	participantViewSchema,
	registrationExistingSchema,
	registrationHeldSchema,
	registrationInputSchema,
	registrationResultSchema,
	SEAT_STATUSES,
	statsSchema
} from './registration.schema.ts';

// GET /registrations/{id} for the team: the listed participant, plus its event, its seats with
// their sessions' titles and the answers to the team's questions with their labels.
const participantDetailSchema = participantViewSchema.extend({
	eventSlug: z.string(),
	seats: z.array(z.object({ id: z.string(), status: z.enum(SEAT_STATUSES), title: z.string() })),
	labelledAnswers: z.array(z.object({ label: z.string(), value: z.unknown() }))
});

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
		Registration: { schema: registrationResultSchema, output: true },
		RegistrationExisting: { schema: registrationExistingSchema, output: true },
		RegistrationHeld: { schema: registrationHeldSchema, output: true },
		Participant: { schema: participantViewSchema, output: true },
		ParticipantDetail: { schema: participantDetailSchema, output: true },
		OwnRegistration: { schema: ownRegistrationSchema, output: true },
		RegistrationStats: { schema: statsSchema, output: true }
	},
	paths: {
		'/events/{slug}/registrations': {
			parameters: [slugParam],
			post: {
				summary:
					'S’inscrire (public, sans compte). 201 : inscription créée, avec `manageToken` (lien privé, porteur pour GET et DELETE /registrations/{id}). 200 : la même adresse était déjà inscrite à l’événement, rien n’a changé, et `manageToken` vaut null : connaître l’adresse de quelqu’un ne donne pas son lien privé, qui part par e-mail à cette adresse (au plus une fois toutes les 10 minutes). Une inscription annulée ne compte pas : la même adresse se réinscrit (201). Données de santé (besoins d’accessibilité, précisions sur l’alimentation) : seulement avec `consents.sensitive: true` (RGPD, article 9), sinon 422. Limité par adresse IP (rafale de 600, puis 10 par seconde).',
				security: [{}],
				requestBody: { required: true, content: jsonOf('RegistrationCreate') },
				responses: {
					'201': {
						description: 'Inscrit·e (confirmé·e ou en liste d’attente), avec le jeton du lien privé',
						content: jsonOf('Registration')
					},
					'200': {
						description:
							'Déjà inscrit·e avec cette adresse : l’inscription existante, inchangée, sans son lien privé (`manageToken: null`) ; un nouveau lien est envoyé par e-mail à l’adresse (au plus une fois toutes les 10 minutes)',
						content: jsonOf('RegistrationExisting')
					},
					'202': {
						description:
							'L’événement demande de confirmer l’adresse e-mail (double opt-in) : rien n’est réservé ; un lien de confirmation part à l’adresse, valable 24 heures',
						content: jsonOf('RegistrationHeld')
					},
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
					'Une inscription : en entier pour l’équipe (jeton personnel ; chaque lecture est inscrite au journal d’audit), ou telle que la personne la voit (son `manageToken` comme porteur)',
				security: [{ token: [] }],
				responses: {
					'200': {
						description: 'L’inscription : `ParticipantDetail` pour l’équipe, `OwnRegistration` avec le `manageToken`',
						content: { 'application/json': { schema: { oneOf: [ref('ParticipantDetail'), ref('OwnRegistration')] } } }
					},
					...errors(401, 404)
				}
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

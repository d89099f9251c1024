import { z } from 'zod';
import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { labelDecisionSchema, labelRequestInputSchema, labelRequestViewSchema } from './label-request.schema.ts';
import { nationalEventListSchema, nationalFiguresSchema } from './national.schema.ts';

/** A followed instance, as the federation's service returns it (`InstanceView`). */
const followedInstanceSchema = z
	.object({
		id: z.string(),
		url: z.string(),
		protocol: z.enum(['json', 'activitypub']).meta({ description: 'Suivie par son flux /events.json ou par ActivityPub' }),
		status: z.enum(['pending', 'ok', 'error']).meta({ description: 'État de la dernière lecture' }),
		error: z.string().nullable(),
		fetchedAt: z.string().nullable().meta({ format: 'date-time' }),
		events: z.number().int()
	})
	.strict();

const q = (name: string, description: string) => ({ name, in: 'query', required: false, schema: { type: 'string' }, description });

export const nationalOpenApi: OpenApiPart = {
	schemas: {
		LabelRequestInput: { schema: labelRequestInputSchema },
		LabelDecision: { schema: labelDecisionSchema },
		LabelRequest: { schema: labelRequestViewSchema, output: true },
		NationalEventList: { schema: nationalEventListSchema, output: true },
		NationalFigures: { schema: nationalFiguresSchema, output: true },
		FollowInstance: { schema: z.object({ url: z.string().max(300) }).strict() },
		FollowedInstance: { schema: followedInstanceSchema, output: true }
	},
	paths: {
		'/events/{slug}/label-request': {
			parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'La demande de label de l’événement et son historique (équipe)',
				security: [{ token: [] }],
				responses: { '200': { description: 'La demande', headers: etagHeaders, content: jsonOf('LabelRequest') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Demander le label NEC (responsables et organisateur·rices) ; le reste est lu dans l’événement',
				description:
					'Avec If-Match (l’ETag de GET), la demande n’est refaite que si elle n’a pas changé depuis (sinon 412, rien n’est modifié).',
				security: [{ token: [] }],
				parameters: [ifMatchParameter],
				requestBody: { required: false, content: jsonOf('LabelRequestInput') },
				responses: {
					'201': { description: 'Demandée', headers: etagHeaders, content: jsonOf('LabelRequest') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			}
		},
		'/label-requests': {
			get: {
				summary: 'La file des demandes de label (relecteur·rices nationaux·ales et administrateur·rices)',
				security: [{ token: [] }],
				parameters: [q('status', 'requested | under_review | granted | refused | more_information')],
				responses: { '200': { description: 'Demandes', content: jsonArrayOf('LabelRequest') }, ...errors(401, 403, 422) }
			}
		},
		'/label-requests/{id}': {
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			get: {
				summary: 'Une demande de label (relecteur·rices)',
				security: [{ token: [] }],
				responses: { '200': { description: 'La demande', content: jsonOf('LabelRequest') }, ...errors(401, 403, 404) }
			}
		},
		'/label-requests/{id}/decision': {
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			post: {
				summary: 'Décider : prendre en charge, accorder, refuser ou demander des précisions (e-mail aux organisateurs)',
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('LabelDecision') },
				responses: { '200': { description: 'Décidée', content: jsonOf('LabelRequest') }, ...errors(400, 401, 403, 404, 409, 422) }
			}
		},
		'/national/events': {
			get: {
				summary: 'Les NEC locaux publiés de l’instance (public)',
				parameters: [
					q('year', 'Année (heure de Paris)'),
					q('region', 'Code INSEE de la région'),
					q('departement', 'Code du département'),
					q('axis', 'Axe'),
					q('format', 'onsite | online | hybrid'),
					q('organiserType', 'Type de structure organisatrice'),
					q('source', 'local | all')
				],
				responses: { '200': { description: 'Événements', content: jsonOf('NationalEventList') }, ...errors(422) }
			}
		},
		'/national/instances': {
			get: {
				summary: 'Instances suivies (administrateur·rices)',
				security: [{ token: [] }],
				responses: { '200': { description: 'Instances', content: jsonArrayOf('FollowedInstance') }, ...errors(401, 403) }
			},
			post: {
				summary: 'Suivre une instance de Maillage : `{"url"}` ; son flux /events.json est relu tous les quarts d’heure',
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('FollowInstance') },
				responses: { '201': { description: 'Suivie', content: jsonOf('FollowedInstance') }, ...errors(400, 401, 403, 409, 422) }
			}
		},
		'/national/instances/{id}': {
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			delete: {
				summary: 'Ne plus suivre (ses événements disparaissent)',
				security: [{ token: [] }],
				responses: { '204': { description: 'Retirée' }, ...errors(401, 403, 404) }
			}
		},
		'/national/instances/{id}/sync': {
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			post: {
				summary: 'Relire le flux de l’instance maintenant',
				security: [{ token: [] }],
				responses: {
					'200': { description: 'Relue (état et erreur de la lecture)', content: jsonOf('FollowedInstance') },
					...errors(401, 403, 404)
				}
			}
		},
		'/national/figures': {
			get: {
				summary: 'Chiffres agrégés des NEC locaux publiés (public)',
				parameters: [q('year', 'Année (heure de Paris) ; toutes sans elle')],
				responses: { '200': { description: 'Chiffres', content: jsonOf('NationalFigures') }, ...errors(422) }
			}
		}
	}
};

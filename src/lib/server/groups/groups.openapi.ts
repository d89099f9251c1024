import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { groupCreateInputSchema, groupInputSchema, groupPatchSchema, groupListItemSchema, groupViewSchema } from './groups.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];

/** Working groups of an event: the team lists and creates them (members join from their private link). */
export const groupsOpenApi: OpenApiPart = {
	schemas: {
		WorkingGroupInput: { schema: groupInputSchema },
		WorkingGroupPatch: { schema: groupPatchSchema },
		WorkingGroup: { schema: groupViewSchema, output: true },
		WorkingGroupCreateInput: { schema: groupCreateInputSchema },
		WorkingGroupWithEvent: { schema: groupListItemSchema, output: true }
	},
	paths: {
		'/working-groups': {
			get: {
				summary:
					'Les groupes de travail de tous les événements dont vous êtes dans l’équipe (tous pour un·e administrateur·rice) : ce qu’ils sont et leurs effectifs, jamais leurs membres',
				security: token,
				parameters: [
					{
						name: 'event',
						in: 'query',
						required: false,
						schema: { type: 'string' },
						description: 'Le slug d’un événement : ses groupes seulement (404 s’il n’est pas le vôtre)'
					}
				],
				responses: {
					'200': { description: 'Groupes, l’événement le plus récent d’abord', content: jsonArrayOf('WorkingGroupWithEvent') },
					...errors(401, 404)
				}
			},
			post: {
				summary: 'Créer un groupe de travail dans l’événement nommé par eventSlug (équipe, rôle organisateur·rice)',
				security: token,
				requestBody: { required: true, content: jsonOf('WorkingGroupCreateInput') },
				responses: {
					'201': { description: 'Créé', content: jsonOf('WorkingGroup') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		},
		'/events/{slug}/working-groups': {
			parameters: [slug],
			get: {
				summary: 'Les groupes de travail de l’événement (équipe) : ce qu’ils sont et leurs effectifs, jamais leurs membres',
				security: token,
				responses: { '200': { description: 'Groupes, clos en dernier', content: jsonArrayOf('WorkingGroup') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Créer un groupe de travail, qui prolonge une session du programme ou un thème (équipe, rôle organisateur·rice)',
				security: token,
				requestBody: { required: true, content: jsonOf('WorkingGroupInput') },
				responses: {
					'201': { description: 'Créé', content: jsonOf('WorkingGroup') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		},
		'/events/{slug}/working-groups/{id}': {
			parameters: [slug, id],
			get: {
				summary: 'Un groupe de travail de l’événement (équipe) ; l’ETag est sa version',
				security: token,
				responses: { '200': { description: 'Groupe', headers: etagHeaders, content: jsonOf('WorkingGroup') }, ...errors(401, 404) }
			},
			patch: {
				summary:
					'Modifier un groupe (titre, objet, statut, prochaine réunion, ce qu’il a produit…) : les champs envoyés remplacent les siens, les autres restent (équipe, rôle organisateur·rice)',
				security: token,
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('WorkingGroupPatch') },
				responses: {
					'200': { description: 'Modifié', headers: etagHeaders, content: jsonOf('WorkingGroup') },
					...errors(400, 401, 403, 404, 409, 412, 413, 422)
				}
			}
		}
	}
};

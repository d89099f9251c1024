import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { groupInputSchema, groupViewSchema } from './groups.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];

/** Working groups of an event: the team lists and creates them (members join from their private link). */
export const groupsOpenApi: OpenApiPart = {
	schemas: {
		WorkingGroupInput: { schema: groupInputSchema },
		WorkingGroup: { schema: groupViewSchema, output: true }
	},
	paths: {
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
		}
	}
};

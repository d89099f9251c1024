import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import {
	membershipDecisionSchema,
	membershipRequestItemSchema,
	membershipRequestSchema,
	membershipViewSchema,
	placeEditSchema,
	structureEditSchema
} from './membership.schema.ts';

const structure = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'La structure' };
const user = { name: 'userId', in: 'path', required: true, schema: { type: 'string' }, description: 'La personne' };
const token = [{ token: [] }];
const editors = 'Membres de la structure et modération (403 pour les autres personnes connectées).';

/** The members of the directory's structures: requests, decisions, and what members edit directly. */
export const directoryMembershipOpenApi: OpenApiPart = {
	schemas: {
		StructureMembership: { schema: membershipViewSchema, output: true },
		StructureMembershipRequest: { schema: membershipRequestSchema },
		StructureMembershipDecision: { schema: membershipDecisionSchema },
		StructureMembershipRequestItem: { schema: membershipRequestItemSchema, output: true },
		StructureEdit: { schema: structureEditSchema },
		PlaceEdit: { schema: placeEditSchema }
	},
	paths: {
		// The structure's GET is the directory's (directory.openapi.ts): openapi.ts merges the paths.
		'/directory/structures/{id}': {
			patch: {
				summary:
					'Modifier la structure : son nom, son type et sa commune ensemble (membres de la structure et modération, 403 pour les autres)',
				description:
					'`version` : celle de la structure telle que lue (`GET /directory/structures/{id}/members`) ; 409 et rien de modifié quand elle a changé depuis. Les valeurs remplacent ce qui a été rassemblé, comme une correction acceptée.',
				security: [{ token: [] }],
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
				requestBody: { required: true, content: jsonOf('StructureEdit') },
				responses: { '200': { description: 'La structure', content: jsonOf('Structure') }, ...errors(400, 401, 403, 404, 409, 413, 422) }
			}
		},
		'/directory/structures/{id}/members': {
			parameters: [structure],
			get: {
				summary:
					'Où en est la personne connectée avec la structure (`me`) ; pour ses membres et la modération, les membres et les demandes',
				security: token,
				responses: { '200': { description: 'Les membres', content: jsonOf('StructureMembership') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Demander à rejoindre la structure (« Je fais partie de cette structure ») : un membre ou la modération décide',
				description: '409 quand la personne a déjà demandé ou est membre.',
				security: token,
				requestBody: { required: true, content: jsonOf('StructureMembershipRequest') },
				responses: {
					'201': { description: 'Demande enregistrée', content: jsonOf('StructureMembership') },
					...errors(400, 401, 404, 409, 413, 422)
				}
			}
		},
		'/directory/structures/{id}/members/{userId}': {
			parameters: [structure, user],
			put: {
				summary: 'Accepter ou refuser une demande ; la personne est prévenue par e-mail',
				description: `${editors} 409 quand aucune demande de cette personne n’attend (déjà décidée).`,
				security: token,
				requestBody: { required: true, content: jsonOf('StructureMembershipDecision') },
				responses: {
					'200': { description: 'Les membres après la décision', content: jsonOf('StructureMembership') },
					...errors(400, 401, 403, 404, 409, 413, 422)
				}
			},
			delete: {
				summary: 'Quitter la structure ou retirer sa demande (soi-même) ; retirer quelqu’un (modération)',
				security: token,
				responses: { '204': { description: 'Retiré·e' }, ...errors(401, 404) }
			}
		},
		'/directory/structures/{id}/places/{placeId}': {
			parameters: [
				structure,
				{ name: 'placeId', in: 'path', required: true, schema: { type: 'string' }, description: 'L’`id` du lieu dans le schéma' }
			],
			patch: {
				summary: 'Modifier directement un champ d’un lieu de la structure, vérifié par les règles du schéma',
				description: `${editors} \`version\` : celle du lieu lue (409 et rien de modifié s’il a changé depuis). 404 pour un lieu qui n’est pas celui de la structure.`,
				security: token,
				requestBody: { required: true, content: jsonOf('PlaceEdit') },
				responses: { '200': { description: 'Le lieu modifié', content: jsonOf('Place') }, ...errors(400, 401, 403, 404, 409, 413, 422) }
			}
		},
		'/directory/membership-requests': {
			get: {
				summary:
					'Les demandes de rattachement qui attendent, les plus anciennes d’abord (modération : administrateurs de l’instance, 404 pour les autres)',
				security: token,
				responses: { '200': { description: 'Les demandes', content: jsonArrayOf('StructureMembershipRequestItem') }, ...errors(401, 404) }
			}
		}
	}
};

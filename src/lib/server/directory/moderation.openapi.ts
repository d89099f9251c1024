import { z } from 'zod';
import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { mergeSchema, structureModerationSchema } from './structure.service.ts';
import { correctionDecisionSchema, correctionQueueItemSchema, suggestionInputSchema } from './suggestion.schema.ts';

const id = (description: string) => ({ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description });
const token = [{ token: [] }];
const moderators = 'Modération : administrateurs de l’instance (404 pour les autres).';
const suggestion = (what: string) => ({
	summary: `Proposer une correction d’un champ ${what} (tout le monde) : la valeur est vérifiée par les règles d’une modification, puis attend la modération`,
	description:
		'Sans jeton. Limité par adresse réseau, avec le formulaire des pages publiques (429 au-delà). `email`, facultatif, sert à prévenir de la décision puis est oublié. 409 quand trop de corrections attendent déjà sur cette fiche.',
	security: [{}],
	requestBody: { required: true, content: jsonOf('CorrectionInput') },
	responses: {
		'201': { description: 'Correction enregistrée, en attente', content: jsonOf('CorrectionCreated') },
		...errors(400, 404, 409, 413, 422, 429)
	}
});

/** The directory's moderation in the API: corrections suggested by anyone, decided by moderators; structures merged. */
export const directoryModerationOpenApi: OpenApiPart = {
	schemas: {
		CorrectionInput: { schema: suggestionInputSchema },
		CorrectionCreated: { schema: z.object({ id: z.string() }), output: true },
		Correction: { schema: correctionQueueItemSchema, output: true },
		CorrectionDecisionInput: { schema: correctionDecisionSchema },
		CorrectionDecision: { schema: z.object({ id: z.string(), decision: z.enum(['accepted', 'refused']) }), output: true },
		StructureMergeInput: { schema: mergeSchema },
		StructureModeration: { schema: structureModerationSchema, output: true }
	},
	paths: {
		'/directory/places/{id}/corrections': {
			parameters: [id('L’`id` du lieu dans le schéma')],
			post: suggestion('d’un lieu (`field` : un champ du schéma, sauf `id` et `date_maj`)')
		},
		'/directory/structures/{id}/corrections': {
			parameters: [id('La structure')],
			post: suggestion('d’une structure (`field` : `name`, `type` ou `commune`)')
		},
		'/directory/corrections': {
			get: {
				summary: 'Les corrections en attente, la plus ancienne d’abord, chacune avec la valeur qu’elle remplacerait',
				description: moderators,
				security: token,
				responses: { '200': { description: 'Corrections en attente', content: jsonArrayOf('Correction') }, ...errors(401, 404) }
			}
		},
		'/directory/corrections/{id}/decision': {
			parameters: [id('La correction')],
			post: {
				summary:
					'Accepter (la valeur est vérifiée sur la fiche telle qu’elle est et appliquée ; sinon 422 avec la raison et rien ne change) ou refuser une correction ; la personne qui l’a proposée est prévenue si elle a laissé son adresse',
				description: `${moderators} 409 si elle est déjà décidée ; avec \`version\` (celle de la file), 412 si la fiche a changé depuis, et rien n’est appliqué.`,
				security: token,
				requestBody: { required: true, content: jsonOf('CorrectionDecisionInput') },
				responses: {
					'200': { description: 'Décidée', content: jsonOf('CorrectionDecision') },
					...errors(400, 401, 404, 409, 412, 413, 422)
				}
			}
		},
		'/directory/structure-merges': {
			get: {
				summary: 'Les structures, les doublons probables à examiner et les fusions faites',
				description: moderators,
				security: token,
				responses: { '200': { description: 'Modération des structures', content: jsonOf('StructureModeration') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Fondre une structure dans une autre (deux graphies de la même) : l’id de `from` mène ensuite à `into`',
				description: `${moderators} 422 si l’une n’est pas une structure de l’annuaire ou si ce sont les mêmes ; avec \`fromVersion\` / \`intoVersion\` (les \`version\` des doublons), 412 si l’une a changé depuis, et rien n’est fusionné.`,
				security: token,
				requestBody: { required: true, content: jsonOf('StructureMergeInput') },
				responses: { '204': { description: 'Fusionnées' }, ...errors(400, 401, 404, 412, 413, 422) }
			}
		},
		'/directory/structure-merges/{from}': {
			parameters: [{ name: 'from', in: 'path', required: true, schema: { type: 'string' }, description: 'La structure fondue' }],
			delete: {
				summary: 'Défaire une fusion : `from` redevient une structure à part',
				description: moderators,
				security: token,
				responses: { '204': { description: 'Défaite' }, ...errors(401, 404) }
			}
		}
	}
};

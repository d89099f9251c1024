import { z } from 'zod';
import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { reviewerInputSchema } from './reviewer.service.ts';

const token = [{ token: [] }];
const reviewerViewSchema = z.object({
	id: z.string().meta({ description: 'Le compte' }),
	email: z.string(),
	name: z.string(),
	since: z.string().meta({ format: 'date-time' })
});

/** The national reviewers of label requests, given and taken back by the instance's administrators. */
export const reviewerOpenApi: OpenApiPart = {
	schemas: { NationalReviewerInput: { schema: reviewerInputSchema }, NationalReviewer: { schema: reviewerViewSchema, output: true } },
	paths: {
		'/national/reviewers': {
			get: {
				summary: 'Les relecteur·rices nationales des demandes de label (administrateur·rices de l’instance)',
				security: token,
				responses: { '200': { description: 'Par adresse', content: jsonArrayOf('NationalReviewer') }, ...errors(401, 403) }
			},
			post: {
				summary: 'Donner le rôle de relecteur·rice nationale à un compte existant, par son adresse (le donner deux fois ne change rien)',
				security: token,
				requestBody: { required: true, content: jsonOf('NationalReviewerInput') },
				responses: {
					'200': { description: 'La liste à jour', content: jsonArrayOf('NationalReviewer') },
					...errors(400, 401, 403, 413, 422)
				}
			}
		},
		'/national/reviewers/{userId}': {
			parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
			delete: {
				summary: 'Retirer le rôle ; ses décisions passées restent dans l’historique des demandes',
				security: token,
				responses: { '204': { description: 'Retiré' }, ...errors(401, 403) }
			}
		}
	}
};

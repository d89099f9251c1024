import { z } from 'zod';
import { errors, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { IMPORT_MAX_ROWS } from './survey-import.service.ts';

const previewSchema = z.object({
	headers: z.array(z.string()).meta({ description: 'Les colonnes du fichier, dans l’ordre (index à partir de 0)' }),
	lines: z.number().int(),
	questions: z.array(z.object({ id: z.string(), label: z.string() })).meta({ description: 'Les questions qu’un import remplit' }),
	guess: z.record(z.string(), z.number().int()).meta({ description: 'Par question, la colonne de même nom (-1 : aucune)' })
});
const reportSchema = z.object({
	lines: z.number().int(),
	imported: z.number().int(),
	refused: z
		.array(z.object({ line: z.number().int(), reason: z.string() }))
		.meta({ description: 'Lignes refusées, avec leur raison en français' })
});

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const csvBody = { required: true, content: { 'text/csv': { schema: { type: 'string' } } } };
const file = `Le fichier en corps (\`text/csv\`, UTF-8 ou Windows-1252, « ; », « , » ou tabulation, en-tête en première ligne, au plus ${IMPORT_MAX_ROWS} lignes).`;

/** The survey's « Importer des réponses » screen, both steps. */
export const surveyImportOpenApi: OpenApiPart = {
	schemas: {
		SurveyImportPreview: { schema: previewSchema, output: true },
		SurveyImportReport: { schema: reportSchema, output: true }
	},
	paths: {
		'/events/{slug}/survey/import/preview': {
			parameters: [slug],
			post: {
				summary:
					'Lire un fichier de réponses recueillies ailleurs sans rien enregistrer : ses colonnes, et les questions qu’elles peuvent remplir',
				description: `${file} Équipe, rôle organisateur·rice.`,
				security: [{ token: [] }],
				requestBody: csvBody,
				responses: {
					'200': { description: 'Colonnes et questions', content: jsonOf('SurveyImportPreview') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		},
		'/events/{slug}/survey/import': {
			parameters: [slug],
			post: {
				summary:
					'Importer des réponses recueillies ailleurs (export d’un outil de formulaires) : chaque ligne vérifiée comme une réponse, les valides enregistrées anonymes et comptées dans les résultats, les autres refusées avec leur raison',
				description: `${file} \`mapping[<id de question>]=<colonne>\` choisit les colonnes ; sans \`mapping\`, celles qui portent le nom d’une question sont prises. Les questions posées par séance ne sont pas importées. Équipe, rôle organisateur·rice.`,
				security: [{ token: [] }],
				parameters: [
					{
						name: 'mapping',
						in: 'query',
						required: false,
						style: 'deepObject',
						explode: true,
						schema: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
						description: 'Par question, l’index de sa colonne (à partir de 0)'
					}
				],
				requestBody: csvBody,
				responses: {
					'200': { description: 'Le compte rendu', content: jsonOf('SurveyImportReport') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		}
	}
};

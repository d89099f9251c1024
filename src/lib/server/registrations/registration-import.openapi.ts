import { z } from 'zod';
import { errors, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';

const importReportSchema = z.object({
	lines: z.number().int().meta({ description: 'Lignes lues, sans l’en-tête' }),
	created: z.number().int().meta({ description: 'Personnes inscrites' }),
	waitlisted: z.number().int().meta({ description: 'Personnes mises en liste d’attente (événement complet)' }),
	existing: z.number().int().meta({ description: 'Adresses déjà inscrites, laissées telles quelles' }),
	errors: z
		.array(z.object({ line: z.number().int(), name: z.string(), messages: z.array(z.string()) }))
		.meta({ description: 'Lignes refusées, chacune avec ses raisons (en français, en anglais avec `Accept-Language: en`)' })
});

/** What the team does on the « Importer des inscriptions » screen. */
export const registrationImportOpenApi: OpenApiPart = {
	schemas: { ParticipantImportReport: { schema: importReportSchema, output: true } },
	paths: {
		'/events/{slug}/registrations/import': {
			parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
			post: {
				summary:
					'Inscrire les personnes d’un fichier CSV (équipe, rôle organisateur·rice), comme l’écran « Importer » : chaque ligne inscrite comme un ajout manuel, les lignes en défaut refusées avec leurs raisons',
				description:
					'Le fichier en corps (`text/csv`, UTF-8, « ; », « , » ou tabulation, au plus 5 000 lignes). Colonnes reconnues par leur nom français ou anglais : prénom, nom, e-mail (obligatoires), structure, type, rôle, commune, département. `sendConfirmation=false` n’envoie pas l’e-mail de confirmation (envoyé par défaut). 422 (champ `file`) pour un fichier illisible, vide ou sans les colonnes obligatoires : rien n’est inscrit.',
				security: [{ token: [] }],
				parameters: [
					{
						name: 'sendConfirmation',
						in: 'query',
						required: false,
						schema: { type: 'string', enum: ['true', 'false'] },
						description: '`false` : pas d’e-mail de confirmation (`true` par défaut)'
					}
				],
				requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } } } },
				responses: {
					'200': { description: 'Le compte rendu', content: jsonOf('ParticipantImportReport') },
					...errors(400, 401, 403, 404, 413, 422)
				}
			}
		}
	}
};

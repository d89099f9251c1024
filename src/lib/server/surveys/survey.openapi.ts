import { errors, etagHeaders, ifMatchParameter, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { surveyInputSchema, surveyResponseInputSchema, surveyResultsSchema, surveyViewSchema } from './survey.schema.ts';

const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const file = (type: string, description: string) => ({
	'200': { description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } }
});

/** The satisfaction survey's endpoints. */
export const surveyOpenApi: OpenApiPart = {
	schemas: {
		SurveyInput: { schema: surveyInputSchema },
		Survey: { schema: surveyViewSchema, output: true },
		SurveyResponseInput: { schema: surveyResponseInputSchema },
		SurveyResults: { schema: surveyResultsSchema, output: true }
	},
	paths: {
		'/events/{slug}/survey': {
			parameters: [slugParam],
			get: {
				summary:
					'Le questionnaire de satisfaction et ses questions (équipe de l’événement, ou participant·e avec le jeton de son lien privé)',
				responses: {
					'200': { description: 'Le questionnaire (ETag pour l’équipe seulement)', headers: etagHeaders, content: jsonOf('Survey') },
					...errors(401, 404)
				}
			},
			put: {
				summary: 'Créer ou remplacer le questionnaire (un par événement)',
				description:
					'Les questions données avec leur `id` sont gardées avec leurs réponses ; une question absente est supprimée avec ses réponses. Le type d’une question qui a des réponses, et le choix anonyme / nominatif une fois des réponses reçues, ne changent plus (422).',
				security: [{ token: [] }],
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('SurveyInput') },
				responses: {
					'200': { description: 'Enregistré', headers: etagHeaders, content: jsonOf('Survey') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			}
		},
		'/events/{slug}/survey/responses': {
			parameters: [slugParam],
			post: {
				summary: 'Répondre au questionnaire, avec `Authorization: Bearer <manageToken de l’inscription>`',
				description:
					'Une réponse par inscription (409 à la deuxième) ; 409 aussi avant l’ouverture ou après la fermeture ; 403 pour une inscription annulée ; 422 pour une valeur refusée (hors échelle, question ou séance inconnue, texte de plus de 5 000 caractères, balises), rien n’est alors enregistré. Questionnaire anonyme : la réponse est enregistrée sans lien avec l’inscription ; seul « a répondu » est gardé.',
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('SurveyResponseInput') },
				responses: {
					'201': {
						description: 'Réponse enregistrée',
						content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } } }
					},
					...errors(400, 401, 403, 404, 409, 422)
				}
			}
		},
		'/events/{slug}/survey/results': {
			parameters: [
				slugParam,
				{ name: 'role', in: 'query', required: false, schema: { type: 'string' }, description: 'Seulement les réponses de ce rôle' },
				{ name: 'structureType', in: 'query', required: false, schema: { type: 'string' }, description: 'Seulement ce type de structure' }
			],
			get: {
				summary: 'Résultats : taux de réponse, par question (nombre, moyenne, répartition, réponses libres) et par séance (équipe)',
				description:
					'Questionnaire anonyme : un filtre qui retient moins de 5 réponses est refusé (409), pour ne révéler les réponses de personne.',
				responses: { '200': { description: 'Les résultats', content: jsonOf('SurveyResults') }, ...errors(401, 404, 409) }
			}
		},
		'/events/{slug}/survey/results.csv': {
			parameters: [slugParam],
			get: { summary: 'Résultats par question et par valeur (CSV)', responses: { ...file('text/csv', 'Résultats'), ...errors(401, 404) } }
		},
		'/events/{slug}/survey/results.xlsx': {
			parameters: [slugParam],
			get: {
				summary: 'Résultats (XLSX) : une feuille par question, les réponses libres et les séances',
				responses: {
					...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Résultats'),
					...errors(401, 404)
				}
			}
		},
		'/events/{slug}/survey/answers.csv': {
			parameters: [slugParam],
			get: {
				summary: 'Toutes les réponses, une ligne par réponse (CSV) ; anonyme : aucune colonne d’identité',
				responses: { ...file('text/csv', 'Réponses'), ...errors(401, 404) }
			}
		}
	}
};

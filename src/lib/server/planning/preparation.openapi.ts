import { errors, etagHeaders, ifMatchParameter, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { budgetInputSchema, budgetLineInputSchema, budgetViewSchema } from '../budget/budget.schema.ts';
import { taskInputSchema, taskViewSchema } from './planning.schema.ts';

// The budget's ETag digests every line's id and version: any line added, changed or removed changes it.
const budgetEtag = { ETag: { description: 'Version du budget entier, à renvoyer dans If-Match', schema: { type: 'string' } } };
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const file = (type: string, description: string) => ({
	'200': { description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } }
});

/** The preparation's endpoints: the retro-planning's tasks, their calendar feed, and the budget. */
export const preparationOpenApi: OpenApiPart = {
	schemas: {
		TaskInput: { schema: taskInputSchema },
		Task: { schema: taskViewSchema, output: true },
		BudgetLineInput: { schema: budgetLineInputSchema },
		BudgetInput: { schema: budgetInputSchema },
		Budget: { schema: budgetViewSchema, output: true }
	},
	paths: {
		'/events/{slug}/tasks': {
			parameters: [slugParam],
			get: {
				summary: 'Rétroplanning : les tâches et jalons, par échéance (réservé à l’équipe de l’événement)',
				description:
					'`dueDate` est calculée à partir du premier jour de l’événement (heure de Paris) pour une tâche relative (`offsetDays`) : déplacer l’événement déplace ces tâches.',
				responses: { '200': { description: 'Les tâches', content: jsonArrayOf('Task') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Ajouter une tâche ou un jalon : un décalage (`offsetDays`) ou une date fixe (`dueDate`), l’un des deux',
				security: [{ token: [] }],
				requestBody: { required: true, content: jsonOf('TaskInput') },
				responses: { '201': { description: 'Ajoutée', content: jsonOf('Task') }, ...errors(400, 401, 403, 404, 422) }
			}
		},
		'/events/{slug}/tasks/{id}': {
			parameters: [slugParam, idParam],
			get: {
				summary: 'Une tâche',
				responses: { '200': { description: 'La tâche', headers: etagHeaders, content: jsonOf('Task') }, ...errors(401, 404) }
			},
			patch: {
				summary: 'Modifier une tâche (champs de TaskInput, tous facultatifs) ; donner `dueDate` retire le décalage et inversement',
				security: [{ token: [] }],
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('TaskInput') },
				responses: {
					'200': { description: 'Modifiée', headers: etagHeaders, content: jsonOf('Task') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			},
			delete: {
				summary: 'Supprimer une tâche',
				security: [{ token: [] }],
				responses: { '204': { description: 'Supprimée' }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/tasks.ics': {
			parameters: [
				slugParam,
				{
					name: 'token',
					in: 'query',
					required: false,
					schema: { type: 'string' },
					description: 'Adresse privée d’agenda (créée dans le rétroplanning)'
				}
			],
			get: {
				summary: 'Les tâches au format iCalendar, une journée entière par tâche',
				responses: { ...file('text/calendar', 'Agenda'), ...errors(401, 404) }
			}
		},
		'/events/{slug}/budget': {
			parameters: [slugParam],
			get: {
				summary: 'Budget au format du Cerfa 12156 : lignes en centimes, totaux et contrôles (réservé à l’équipe)',
				responses: { '200': { description: 'Le budget', headers: budgetEtag, content: jsonOf('Budget') }, ...errors(401, 404) }
			},
			put: {
				summary:
					'Remplacer toutes les lignes du budget (un budget déséquilibré est accepté et signalé par `balanced: false`) ; avec If-Match, seulement si aucune ligne n’a changé depuis la lecture',
				security: [{ token: [] }],
				parameters: [ifMatchParameter],
				requestBody: { required: true, content: jsonOf('BudgetInput') },
				responses: {
					'200': { description: 'Enregistré', headers: budgetEtag, content: jsonOf('Budget') },
					...errors(400, 401, 403, 404, 409, 412, 422)
				}
			}
		},
		'/events/{slug}/budget.xlsx': {
			parameters: [slugParam],
			get: {
				summary: 'Budget prévisionnel présenté comme le tableau du Cerfa 12156 (classeur XLSX)',
				responses: { ...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Classeur'), ...errors(401, 404) }
			}
		},
		'/events/{slug}/budget/report.xlsx': {
			parameters: [slugParam],
			get: {
				summary: 'Compte rendu financier (prévu, réalisé, taux) présenté comme le Cerfa 15059 (classeur XLSX)',
				responses: { ...file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Classeur'), ...errors(401, 404) }
			}
		},
		'/events/{slug}/budget/lines.csv': {
			parameters: [slugParam],
			get: {
				summary: 'Toutes les lignes du budget (CSV, « ; », virgule décimale)',
				responses: { ...file('text/csv', 'CSV'), ...errors(401, 404) }
			}
		}
	}
};

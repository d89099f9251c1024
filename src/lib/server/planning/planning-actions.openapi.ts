import { z } from 'zod';
import { errors, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const token = [{ token: [] }];
const feedUrl = (what: string) =>
	z
		.string()
		.nullable()
		.meta({ description: `${what} ; null avant la première demande` });

/** The committee's and retro-planning's buttons: import the organisers, apply the template, a private `.ics` address. */
export const planningActionsOpenApi: OpenApiPart = {
	schemas: {
		CommitteeImport: { schema: z.object({ imported: z.number().int().meta({ description: 'Membres ajoutés' }) }), output: true },
		PlanningTemplateResult: {
			schema: z.object({
				tasks: z.number().int().meta({ description: 'Tâches ajoutées' }),
				logistics: z.number().int().meta({ description: 'Éléments de logistique ajoutés' })
			}),
			output: true
		},
		TaskFeed: {
			schema: z.object({
				all: feedUrl('Adresse .ics privée de toutes les tâches'),
				mine: feedUrl('Celle des seules tâches dont on est responsable')
			}),
			output: true
		}
	},
	paths: {
		'/events/{slug}/committee/import-organisers': {
			parameters: [slug],
			post: {
				summary: 'Ajouter au comité les structures organisatrices de l’événement qui n’y sont pas encore',
				security: token,
				responses: { '200': { description: 'Import fait', content: jsonOf('CommitteeImport') }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/tasks/template': {
			parameters: [slug],
			post: {
				summary: 'Appliquer le modèle de rétroplanning : ajoute les tâches et éléments de logistique qui manquent',
				security: token,
				responses: { '200': { description: 'Modèle appliqué', content: jsonOf('PlanningTemplateResult') }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/task-feed': {
			parameters: [slug],
			get: {
				summary: 'Ses adresses privées du rétroplanning au format .ics (agendas), propres à chaque membre de l’équipe',
				security: token,
				responses: { '200': { description: 'Les adresses', content: jsonOf('TaskFeed') }, ...errors(401, 404) }
			},
			post: {
				summary: 'Créer ou renouveler ses adresses .ics : les précédentes cessent aussitôt de fonctionner',
				security: token,
				responses: { '200': { description: 'Les nouvelles adresses', content: jsonOf('TaskFeed') }, ...errors(401, 404) }
			}
		}
	}
};

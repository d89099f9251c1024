import { errors, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { SERVICES } from './lieux-schema.ts';
import { placeImportResultSchema, placeJsonExportSchema, placeJsonSchema, placeListSchema, placeViewSchema } from './place.schema.ts';
import { structureListSchema, structureViewSchema } from './structure.service.ts';

const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
	name,
	in: 'query',
	required: false,
	schema,
	description
});

/** The directory's endpoints: places of digital mediation in the national schema. */
export const directoryOpenApi: OpenApiPart = {
	schemas: {
		Place: { schema: placeViewSchema, output: true },
		PlaceList: { schema: placeListSchema, output: true },
		PlaceImportResult: { schema: placeImportResultSchema, output: true },
		PlaceJson: { schema: placeJsonSchema },
		PlaceJsonExport: { schema: placeJsonExportSchema, output: true },
		Structure: { schema: structureViewSchema, output: true },
		StructureList: { schema: structureListSchema, output: true }
	},
	paths: {
		'/directory/places': {
			get: {
				summary: 'Annuaire public des lieux de médiation numérique, par nom (50 par page)',
				security: [{}],
				parameters: [
					query('q', 'Texte cherché dans le nom, la commune, le code postal'),
					query('service', 'Un service du schéma', { type: 'string', enum: SERVICES }),
					query('departement', 'Code INSEE du département (87, 2A, 974…)'),
					query('commune', 'Nom exact de la commune, code postal ou code INSEE'),
					query('typologie', 'Code de typologie (BIB, TIERS_LIEUX…)'),
					query('public', 'Public spécifiquement adressé'),
					query('limit', '1 à 200 (50 par défaut)', { type: 'integer' }),
					query('offset', 'Décalage dans la liste', { type: 'integer' })
				],
				responses: { '200': { description: 'Les lieux et leur nombre total', content: jsonOf('PlaceList') }, ...errors(422) }
			}
		},
		'/directory/places/{id}': {
			get: {
				summary: 'Un lieu, par son `id` du schéma',
				security: [{}],
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
				responses: { '200': { description: 'Le lieu', content: jsonOf('Place') }, ...errors(404) }
			}
		},
		'/directory/places.csv': {
			get: {
				summary:
					'Tout l’annuaire au format CSV du schéma national (colonnes et ordre du schéma, listes séparées par « | »), Licence Ouverte 2.0',
				security: [{}],
				responses: { '200': { description: 'CSV UTF-8', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors(401) }
			}
		},
		'/directory/places.json': {
			get: {
				summary:
					'Tout l’annuaire au format JSON du schéma national : un tableau de lieux, champs du schéma, listes séparées par « | », coordonnées en nombres ; Licence Ouverte 2.0',
				security: [{}],
				responses: { '200': { description: 'JSON UTF-8', content: jsonOf('PlaceJsonExport') }, ...errors(401) }
			}
		},
		'/directory/structures': {
			get: {
				summary:
					'Structures de l’annuaire (public) : aujourd’hui les structures organisatrices des événements publiés, une par SIRET, sinon RNA, sinon nom normalisé',
				security: [{}],
				parameters: [query('q', 'Texte cherché dans le nom')],
				responses: { '200': { description: 'Les structures', content: jsonOf('StructureList') }, ...errors(422) }
			}
		},
		'/directory/structures/{id}': {
			get: {
				summary: 'Une structure : nom, type, SIRET/RNA, commune, événements auxquels elle a pris part, lieux dont elle est le pivot',
				security: [{}],
				parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
				responses: { '200': { description: 'La structure', content: jsonOf('Structure') }, ...errors(404) }
			}
		},
		'/directory/places/import': {
			post: {
				summary: 'Importer le CSV ou le JSON du schéma (modération : administrateurs de l’instance)',
				description:
					'Chaque ligne est vérifiée seule : les lignes valides sont ajoutées ou mettent à jour le lieu de même `id` (sinon de même `pivot` et même nom), les autres sont refusées avec leurs raisons en français. Importer deux fois le même fichier ne change rien. CSV (`text/csv`) : UTF-8 ou Windows-1252 ; séparateur « , » (« ; » et tabulation lus aussi) ; colonnes inconnues ignorées et signalées. JSON (`application/json`) : un tableau de lieux, les champs du schéma, les listes en texte séparé par « | » ou en tableau ; `row` est alors la position du lieu dans le tableau (à partir de 1).',
				security: [{ token: [] }],
				requestBody: {
					required: true,
					content: {
						'text/csv': { schema: { type: 'string' } },
						'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/PlaceJson' } } }
					}
				},
				responses: {
					'200': { description: 'Lignes importées, mises à jour, inchangées, refusées', content: jsonOf('PlaceImportResult') },
					...errors(400, 401, 403, 422)
				}
			}
		}
	}
};

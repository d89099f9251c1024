import { z } from 'zod';
import { eventCreateSchema, eventPatchSchema, eventViewSchema } from '../events/event.schema.ts';

const errorSchema = z
	.object({ errors: z.array(z.object({ field: z.string().meta({ description: 'Chemin du champ, ex. venue.inseeCode ; « _ » pour la requête entière' }), message: z.string() })) })
	.meta({ id: 'Errors' });

// Components are generated from the very schemas the services validate with (zod → JSON Schema).
const registry = z.registry<{ id: string }>();
for (const [id, schema] of [
	['EventCreate', eventCreateSchema],
	['EventPatch', eventPatchSchema],
	['Event', eventViewSchema],
	['Errors', errorSchema]
] as const)
	registry.add(schema as z.ZodType, { id });

function components() {
	const { schemas } = z.toJSONSchema(registry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}`, target: 'openapi-3.0' });
	const out = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}`, target: 'openapi-3.0' }).schemas;
	// Inputs are documented as accepted, outputs as returned.
	return { ...schemas, Event: out.Event, Errors: out.Errors };
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonOf = (id: string) => ({ 'application/json': { schema: ref(id) } });
const errors = (...codes: number[]) =>
	Object.fromEntries(
		codes.map((c) => [
			String(c),
			{
				description: { 400: 'JSON mal formé ou mauvais type de contenu', 401: 'Jeton absent ou révoqué', 403: 'Rôle insuffisant', 404: 'Introuvable ou non accessible', 409: 'Conflit', 422: 'Données invalides' }[c] ?? String(c),
				content: jsonOf('Errors')
			}
		])
	);

/** The OpenAPI 3 description of /api/v1, built at request time from the validation schemas. */
export function buildOpenApi(publicUrl: string) {
	const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
	return {
		openapi: '3.0.3',
		info: {
			title: 'Maillage API',
			version: '1',
			description:
				'API des événements Numérique en Commun[s] locaux. Authentification : jeton personnel (`Authorization: Bearer …`), créé dans l’application. Les messages d’erreur sont en français (en anglais avec `Accept-Language: en`).',
			license: { name: 'AGPL-3.0-or-later' }
		},
		servers: [{ url: `${publicUrl}/api/v1` }],
		components: { schemas: components(), securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
		security: [{ token: [] }, {}],
		paths: {
			'/events': {
				get: {
					summary: 'Événements publiés, plus ceux de l’appelant (brouillons compris)',
					responses: { '200': { description: 'Liste', content: { 'application/json': { schema: { type: 'array', items: ref('Event') } } } }, ...errors(401) }
				},
				post: {
					summary: 'Créer un événement (brouillon ; l’appelant en devient responsable)',
					security: [{ token: [] }],
					requestBody: { required: true, content: jsonOf('EventCreate') },
					responses: { '201': { description: 'Créé', content: jsonOf('Event') }, ...errors(400, 401, 422) }
				}
			},
			'/events/{slug}': {
				parameters: [slugParam],
				get: { summary: 'Un événement', responses: { '200': { description: 'L’événement', content: jsonOf('Event') }, ...errors(401, 404) } },
				patch: {
					summary: 'Modifier un événement, le publier (`{"status":"published"}`) ou l’archiver',
					security: [{ token: [] }],
					requestBody: { required: true, content: jsonOf('EventPatch') },
					responses: { '200': { description: 'Modifié', content: jsonOf('Event') }, ...errors(400, 401, 403, 404, 422) }
				}
			}
		}
	};
}

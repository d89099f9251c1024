import { z } from 'zod';

/** The error body of every 4xx answer. */
export const errorSchema = z
	.object({
		errors: z.array(
			z.object({
				field: z.string().meta({ description: 'Chemin du champ, ex. venue.inseeCode ; « _ » pour la requête entière' }),
				message: z.string()
			})
		)
	})
	.meta({ id: 'Errors' });

/**
 * What an area contributes to the API description: its schemas (the very zod schemas its
 * services validate with, by component name; `output: true` for response bodies) and its paths.
 */
export interface OpenApiPart {
	schemas: Record<string, { schema: z.ZodType; output?: boolean }>;
	paths: Record<string, unknown>;
}

export const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
export const jsonOf = (id: string) => ({ 'application/json': { schema: ref(id) } });
export const jsonArrayOf = (id: string) => ({ 'application/json': { schema: { type: 'array', items: ref(id) } } });

const ERROR_TEXT: Record<number, string> = {
	400: 'JSON mal formé ou mauvais type de contenu',
	401: 'Jeton absent ou révoqué',
	403: 'Rôle insuffisant',
	404: 'Introuvable ou non accessible',
	409: 'Conflit avec l’état actuel',
	412: 'If-Match ne correspond plus à l’ETag : la ressource a changé depuis sa lecture (rien n’est modifié)',
	413: 'Corps de la requête trop lourd',
	422: 'Données invalides : une entrée par problème',
	429: 'Trop de requêtes depuis cette adresse : réessayer plus tard'
};

/** The documented error answers, by status code. */
export const errors = (...codes: number[]) =>
	Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c] ?? String(c), content: jsonOf('Errors') }]));

/** The `If-Match` header of a change: the ETag read, so that a change made since is refused (412). */
export const ifMatchParameter = {
	name: 'If-Match',
	in: 'header',
	required: false,
	schema: { type: 'string' },
	description: 'ETag lu (ex. "3") : la modification n’est faite que si la ressource n’a pas changé depuis ; sinon 412 et rien n’est modifié'
};

/** The `ETag` of an answer carrying an editable resource: its version. */
export const etagHeaders = {
	ETag: { description: 'Version de la ressource (la même que son champ `version`), à renvoyer dans If-Match', schema: { type: 'string' } }
};

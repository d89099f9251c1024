import { errors, type OpenApiPart } from '../api/openapi-parts.ts';

/** The administrators' outbox: a failed message sent again. */
export const outboxOpenApi: OpenApiPart = {
	schemas: {},
	paths: {
		'/admin/outbox/{id}/retry': {
			parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
			post: {
				summary: 'Remettre dans la file d’envoi un e-mail en échec (administrateur·rices de l’instance) ; 409 s’il n’a pas échoué',
				description: 'Pour toute autre personne, le message n’existe pas (404).',
				security: [{ token: [] }],
				responses: { '204': { description: 'Remis dans la file' }, ...errors(401, 404, 409) }
			}
		}
	}
};

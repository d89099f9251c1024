import { errors, jsonArrayOf, jsonOf, type OpenApiPart } from '../api/openapi-parts.ts';
import { webhookCreatedSchema, webhookDeliverySchema, webhookInputSchema, webhookViewSchema } from './webhook.schema.ts';

const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const token = [{ token: [] }];

/** The webhooks of an event: registration, removal, delivery log, test send. */
export const webhookOpenApi: OpenApiPart = {
	schemas: {
		WebhookInput: { schema: webhookInputSchema },
		Webhook: { schema: webhookViewSchema, output: true },
		WebhookCreated: { schema: webhookCreatedSchema, output: true },
		WebhookDelivery: { schema: webhookDeliverySchema, output: true }
	},
	paths: {
		'/events/{slug}/webhooks': {
			parameters: [slug],
			get: {
				summary: 'Webhooks de l’événement, avec leur dernière livraison (équipe)',
				security: token,
				responses: { '200': { description: 'Liste', content: jsonArrayOf('Webhook') }, ...errors(401, 404) }
			},
			post: {
				summary:
					'Enregistrer une adresse qui recevra les événements choisis, signés selon Standard Webhooks (HMAC-SHA256) ; le secret n’est montré qu’ici. https:// seulement, jamais une adresse de réseau privé (422)',
				security: token,
				requestBody: { required: true, content: jsonOf('WebhookInput') },
				responses: {
					'201': { description: 'Enregistré, avec son secret', content: jsonOf('WebhookCreated') },
					...errors(400, 401, 403, 404, 422)
				}
			}
		},
		'/events/{slug}/webhooks/{id}': {
			parameters: [slug, id],
			delete: {
				summary: 'Retirer un webhook et son journal de livraisons',
				security: token,
				responses: { '204': { description: 'Retiré' }, ...errors(401, 403, 404) }
			}
		},
		'/events/{slug}/webhooks/{id}/deliveries': {
			parameters: [slug, id],
			get: {
				summary: 'Journal des 50 dernières livraisons, la plus récente d’abord (état, code HTTP, erreur, prochain essai)',
				security: token,
				responses: { '200': { description: 'Livraisons', content: jsonArrayOf('WebhookDelivery') }, ...errors(401, 404) }
			}
		},
		'/events/{slug}/webhooks/{id}/test': {
			parameters: [slug, id],
			post: {
				summary: 'Envoyer un essai (`webhook.test`) à cette adresse',
				security: token,
				responses: { '202': { description: 'Mis en file', content: jsonOf('WebhookDelivery') }, ...errors(401, 403, 404) }
			}
		}
	}
};

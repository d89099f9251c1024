import { z } from 'zod';

/** What an endpoint may subscribe to. */
export const WEBHOOK_EVENTS = [
	'registration.created',
	'registration.cancelled',
	'registration.promoted',
	'checkin.created',
	'survey.answered',
	'event.updated'
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;

/** `POST /events/{slug}/webhooks` and the screen's form. */
export const webhookInputSchema = z
	.object({
		url: z
			.string({ error: 'errors.required' })
			.trim()
			.min(1, { error: 'errors.required' })
			.max(2000, { error: 'errors.tooLong' })
			.meta({ description: 'https:// (ou http://localhost si l’instance le permet) ; jamais une adresse de réseau privé' }),
		events: z
			.array(z.enum(WEBHOOK_EVENTS, { error: 'errors.invalidChoice' }), { error: 'errors.invalidType' })
			.min(1, { error: 'errors.tooFewItems' })
			.max(WEBHOOK_EVENTS.length, { error: 'errors.tooManyItems' })
	})
	.strict()
	.meta({ id: 'WebhookInput' });

/** An endpoint as the API lists it (never its secret). */
export const webhookViewSchema = z
	.object({
		id: z.string(),
		url: z.string(),
		events: z.array(z.enum(WEBHOOK_EVENTS)),
		createdAt: z.string(),
		lastDelivery: z
			.object({
				type: z.string(),
				status: z.enum(DELIVERY_STATUSES),
				httpStatus: z.number().int().nullable(),
				at: z.string()
			})
			.nullable()
			.meta({ description: 'La dernière livraison et son état' })
	})
	.meta({ id: 'Webhook' });

/** The answer to its creation: the endpoint and its signing secret, shown this once. */
export const webhookCreatedSchema = webhookViewSchema
	.extend({
		secret: z.string().meta({
			description:
				'Secret de signature (Standard Webhooks, `whsec_…`), affiché cette seule fois : chaque livraison porte `webhook-id`, `webhook-timestamp` et `webhook-signature` (HMAC-SHA256)'
		})
	})
	.meta({ id: 'WebhookCreated' });

/** One delivery of the log. */
export const webhookDeliverySchema = z
	.object({
		id: z.string(),
		type: z.string(),
		status: z.enum(DELIVERY_STATUSES),
		attempts: z.number().int(),
		httpStatus: z.number().int().nullable(),
		error: z.string().nullable(),
		createdAt: z.string(),
		deliveredAt: z.string().nullable(),
		nextAttemptAt: z.string().nullable()
	})
	.meta({ id: 'WebhookDelivery' });

export type WebhookView = z.output<typeof webhookViewSchema>;
export type WebhookDeliveryView = z.output<typeof webhookDeliverySchema>;

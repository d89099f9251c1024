/** Row types of the webhooks' tables (see migrations/2026-12-05-080-webhooks.ts). */
type Timestamp = string | Date;

export interface WebhookEndpointTable {
	id: string;
	event_id: string;
	url: string;
	/** JSON array of the event types it receives. */
	events: string;
	/** `whsec_` and the base64 of 24 random bytes (Standard Webhooks). */
	secret: string;
	created_by: string | null;
	created_at: Timestamp;
}

export interface WebhookDeliveryTable {
	id: string;
	endpoint_id: string;
	type: string;
	/** The JSON body, as sent (the signature covers these exact bytes). */
	payload: string;
	/** pending | sending | delivered | failed */
	status: string;
	attempts: number;
	next_attempt_at: Timestamp;
	locked_until: Timestamp | null;
	locked_by: string | null;
	last_status: number | null;
	last_error: string | null;
	delivered_at: Timestamp | null;
	created_at: Timestamp;
}

export interface WebhookTables {
	webhook_endpoint: WebhookEndpointTable;
	webhook_delivery: WebhookDeliveryTable;
}

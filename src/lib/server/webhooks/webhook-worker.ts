/**
 * The process side of the webhooks: claims due deliveries and POSTs them, signed with the
 * endpoint's secret following Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`: HMAC-SHA256 of `id.timestamp.body`). Like the outbox: a claim is a lease,
 * a failure is retried with exponential backoff (up to 8 attempts), a 2xx ends it. The address is
 * checked again before each attempt and the connection goes to the address checked; redirects
 * are not followed; an attempt lasts at most 5 seconds.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { hostname } from 'node:os';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { DbHandle } from '../db/index.ts';
import { startPollLoop } from '../mail/poll-loop.ts';
import { claimDueWebhookDelivery, findEndpointById, updateWebhookDeliveryOutcome, type WebhookDeliveryRow } from './webhook.queries.ts';
import { resolveWebhookTarget, webhookUrlPolicy, type UrlPolicy } from './url-policy.ts';

export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 5000;
const LOCK_MS = 60_000;

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min… capped at 6 h. */
export function backoffMs(attempts: number): number {
	return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export interface WebhookWorkerOptions {
	pollMs?: number;
	urlPolicy?: UrlPolicy;
	clock?: () => Date;
	log?: (line: string) => void;
}

export interface WebhookWorker {
	kick(): void;
	/** Resolves once no delivery is due (those waiting for a retry are not due). */
	drain(): Promise<void>;
	stop(): Promise<void>;
}

interface Attempt {
	httpStatus: number | null;
	error: string | null;
}

/** One signed POST of `body` to `url`, connecting to `address`. */
function post(url: URL, address: { address: string; family: 4 | 6 }, headers: Record<string, string>, body: string): Promise<Attempt> {
	const lookup: LookupFunction = (_host, options, callback) => {
		if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
		else callback(null, address.address, address.family);
	};
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve) => {
		const req = client.request(
			url,
			{ method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, timeout: TIMEOUT_MS },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ httpStatus: res.statusCode ?? null, error: null }));
				res.on('error', (e) => resolve({ httpStatus: res.statusCode ?? null, error: e.message }));
			}
		);
		req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
		req.on('error', (e) => resolve({ httpStatus: null, error: e.message }));
		req.end(body);
	});
}

/** Delivers one claimed delivery and records the outcome. */
async function deliver(handle: DbHandle, workerId: string, d: WebhookDeliveryRow, policy: UrlPolicy, now: Date): Promise<Attempt> {
	const endpoint = await findEndpointById(handle.db, d.endpoint_id);
	let attempt: Attempt;
	if (!endpoint) attempt = { httpStatus: null, error: 'endpoint removed' };
	else {
		const target = await resolveWebhookTarget(endpoint.url, policy);
		if ('problem' in target) attempt = { httpStatus: null, error: `refused: ${target.problem}` };
		else {
			const signature = new Webhook(endpoint.secret).sign(d.id, now, d.payload);
			attempt = await post(
				new URL(endpoint.url),
				target,
				{
					'content-type': 'application/json',
					'user-agent': 'Maillage-Webhooks/1',
					'webhook-id': d.id,
					'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
					'webhook-signature': signature
				},
				d.payload
			);
		}
	}
	const ok = attempt.httpStatus !== null && attempt.httpStatus >= 200 && attempt.httpStatus < 300;
	const attempts = Number(d.attempts);
	const giveUp = !endpoint || attempts >= MAX_ATTEMPTS;
	await updateWebhookDeliveryOutcome(handle.db, {
		id: d.id,
		workerId,
		status: ok ? 'delivered' : giveUp ? 'failed' : 'pending',
		httpStatus: attempt.httpStatus,
		error: ok ? null : (attempt.error ?? `HTTP ${attempt.httpStatus}`).slice(0, 500),
		nextAttemptAtIso: new Date(now.getTime() + (ok ? 0 : backoffMs(attempts))).toISOString(),
		deliveredAtIso: ok ? now.toISOString() : null
	});
	return attempt;
}

/** Starts delivering the due webhooks of `handle`; never throws from its loop. */
export function startWebhookWorker(handle: DbHandle, options: WebhookWorkerOptions = {}): WebhookWorker {
	const workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
	const clock = options.clock ?? (() => new Date());
	const log = options.log ?? ((line: string) => console.error(line));
	const policy = options.urlPolicy ?? webhookUrlPolicy();
	let stopping = false;

	async function round(): Promise<void> {
		while (!stopping) {
			let claimed: WebhookDeliveryRow | undefined;
			try {
				const now = clock();
				claimed = await claimDueWebhookDelivery(handle.db, handle.dialect, {
					workerId,
					nowIso: now.toISOString(),
					lockedUntilIso: new Date(now.getTime() + LOCK_MS).toISOString()
				});
				if (!claimed) return;
				const attempt = await deliver(handle, workerId, claimed, policy, clock());
				if (attempt.error || (attempt.httpStatus ?? 0) >= 300)
					log(`[webhook] ${claimed.id} (${claimed.type}) attempt ${claimed.attempts}: ${attempt.error ?? `HTTP ${attempt.httpStatus}`}`);
			} catch (e) {
				log(`[webhook] worker ${workerId}: ${e instanceof Error ? e.message : String(e)}`);
				return;
			}
		}
	}

	const loop = startPollLoop(round, { pollMs: options.pollMs ?? 2000, unref: true });
	return {
		kick() {
			if (!loop.stopping) void loop.run();
		},
		async drain() {
			await loop.run();
		},
		async stop() {
			stopping = true;
			await loop.stop();
		}
	};
}

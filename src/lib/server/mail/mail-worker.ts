/**
 * The process side of the outbox: claims due messages and hands them to an SMTP server. Runs
 * inside the web server or the CLI; any number of workers may share one database.
 */
import type { SMTPSentMessageInfo, SMTPTransportOptions, Transporter } from 'nodemailer';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DbHandle } from '../db/index.ts';
import { startPollLoop } from './poll-loop.ts';
import { claimSendSlot, ensureSendSlots, nextSendSlotFreeAt, releaseSendSlot } from './send-slot.queries.ts';
import { claimNextMail, countDueMail, describeError, markMailFailed, markMailSent, type OutboxMail } from './outbox.service.ts';

export const DEFAULT_MAIL_FROM = 'Maillage <no-reply@localhost>';

/**
 * Long enough for the slowest send allowed by the socket timeouts below, so that a live worker
 * never sees its message taken over; a crashed worker's messages wait this long.
 */
const DEFAULT_LOCK_MS = 5 * 60_000;

const BOOLEAN_PARAMS = ['ignoreTLS', 'requireTLS', 'rejectUnauthorized', 'tls.rejectUnauthorized'];

function booleanParam(name: string, value: string): boolean {
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw new Error(`SMTP URL: ${name} must be true or false, got "${value}"`);
}

/**
 * Reads `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://…` (TLS from the first
 * byte). Options in the query: `ignoreTLS=true` (never STARTTLS), `requireTLS=true`,
 * `rejectUnauthorized=false` (accept a self-signed certificate), `name=` (the EHLO name).
 * Throws on another scheme or an unknown option, so a typo does not pass silently.
 */
export function smtpOptionsFromUrl(smtpUrl: string): SMTPTransportOptions {
	let url: URL;
	try {
		url = new URL(smtpUrl);
	} catch {
		throw new Error('SMTP URL: not a URL (expected smtp://user:pass@host:port or smtps://…)');
	}
	if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
		throw new Error(`SMTP URL: unsupported scheme ${url.protocol} (expected smtp: or smtps:)`);
	}
	const secure = url.protocol === 'smtps:';
	const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
	if (!host) throw new Error('SMTP URL: the host is missing');
	const options: SMTPTransportOptions = {
		host,
		port: url.port ? Number(url.port) : secure ? 465 : 587,
		secure,
		// Bounded so that a send ends well before its lock (DEFAULT_LOCK_MS) runs out.
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	};
	if (url.username || url.password) {
		options.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
	}
	for (const [name, value] of url.searchParams) {
		if (BOOLEAN_PARAMS.includes(name)) {
			const flag = booleanParam(name, value);
			if (name === 'ignoreTLS') options.ignoreTLS = flag;
			else if (name === 'requireTLS') options.requireTLS = flag;
			else options.tls = { ...options.tls, rejectUnauthorized: flag };
		} else if (name === 'name') {
			options.name = value;
		} else {
			throw new Error(`SMTP URL: unknown option "${name}" (known: ${[...BOOLEAN_PARAMS, 'name'].join(', ')})`);
		}
	}
	return options;
}

/**
 * A nodemailer SMTP transport for `smtpUrl` (see `smtpOptionsFromUrl`); opens no connection yet.
 * nodemailer (some 30 MB resident) is loaded here, not at start: a process without SMTP never loads it.
 */
export async function createTransportFromUrl(smtpUrl: string): Promise<Transporter<SMTPSentMessageInfo, SMTPTransportOptions>> {
	const options = smtpOptionsFromUrl(smtpUrl);
	const { default: nodemailer } = await import('nodemailer');
	return nodemailer.createTransport(options);
}

export interface MailWorkerOptions {
	smtpUrl: string;
	/** The From header of every message; `Maillage <no-reply@localhost>` by default. */
	from?: string;
	/** Time between two looks at the outbox when nobody kicks the worker. */
	pollMs?: number;
	/** Written in `locked_by`; host, pid and a random suffix by default. */
	workerId?: string;
	/** Messages claimed and sent in parallel in each round (1 by default). */
	batch?: number;
	/** How long a claimed message stays reserved to this worker. */
	lockMs?: number;
	/**
	 * At most this many messages sent per `rateWindowMs` (a minute) by all the workers of the
	 * database together (leases in `mail_send_slot`), since SMTP providers cap their rate; null or
	 * 0: no limit. `MAIL_RATE_PER_MINUTE` in the app.
	 */
	ratePerMinute?: number | null;
	/** The window of `ratePerMinute`: 60 000 ms; tests shorten it. */
	rateWindowMs?: number;
	/** The worker's idea of "now"; tests move it forward instead of waiting for a retry. */
	clock?: () => Date;
	/** Where the one line per failure goes; `console.error` by default. */
	log?: (line: string) => void;
	/** Told of each message handed to the SMTP server (for the structured log: ids, no address). */
	onSent?: (mail: MailOutcome) => void;
	/** Told of each failed attempt, with the error and what happens next; replaces that `log` line. */
	onFailed?: (mail: MailOutcome, error: string, next: string) => void;
}

/** What the log may say of a message: never its address nor its content. */
export interface MailOutcome {
	id: string;
	kind: string;
	attempts: number;
	durationMs: number;
}

export interface MailWorker {
	readonly workerId: string;
	/** Looks at the outbox now rather than at the next poll; call it after `enqueueMail`. */
	kick(): void;
	/**
	 * Resolves once no message is due any more (those waiting for a retry are not due); rejects
	 * when the outbox cannot be read.
	 */
	drain(): Promise<void>;
	/** Lets the messages being sent finish, then stops polling and closes the transport. */
	stop(): Promise<void>;
}

/**
 * Starts polling the outbox of `handle` at once and sends every due message through `smtpUrl`.
 * Never throws from its loop: a database or SMTP error is logged in one line and retried later.
 */
export function startMailWorker(handle: DbHandle, options: MailWorkerOptions): MailWorker {
	const workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
	const from = options.from ?? DEFAULT_MAIL_FROM;
	const pollMs = options.pollMs ?? 2000;
	const batch = Math.max(1, Math.trunc(options.batch ?? 1));
	const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
	const clock = options.clock ?? (() => new Date());
	const log = options.log ?? ((line: string) => console.error(line));
	// The URL is read now (a bad one stops the start); the transport is made at the first message.
	smtpOptionsFromUrl(options.smtpUrl);
	let transport: Promise<Transporter<SMTPSentMessageInfo, SMTPTransportOptions>> | null = null;
	const rate = options.ratePerMinute && options.ratePerMinute > 0 ? Math.trunc(options.ratePerMinute) : null;
	const rateWindowMs = options.rateWindowMs ?? 60_000;
	let slotsReady: Promise<void> | null = null;

	/**
	 * A send slot of the shared throttle (wall-clock time: every process of the database reads the
	 * same one), or null when `wait` is false and none is free, or when stopping. Waits a fifth of a
	 * second at a time while all are taken, so that `stop()` is not held.
	 */
	async function takeSlot(wait: boolean): Promise<{ slot: number; until: number } | null> {
		slotsReady ??= ensureSendSlots(handle.db, rate!).catch((error) => {
			slotsReady = null;
			throw error;
		});
		await slotsReady;
		for (;;) {
			const now = Date.now();
			const until = now + rateWindowMs;
			const slot = await claimSendSlot(handle.db, handle.dialect, rate!, now, until);
			if (slot !== null) return { slot, until };
			if (!wait || stopping) return null;
			const freeAt = await nextSendSlotFreeAt(handle.db, rate!);
			await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(200, freeAt - Date.now() + 1))));
		}
	}

	let stopping = false;
	let stopped: Promise<void> | null = null;
	/** Why the last round could not read the outbox, for `drain()`; null when it could. */
	let roundError: unknown = null;

	async function send(mail: OutboxMail): Promise<void> {
		const started = performance.now();
		const describe = () => ({ id: mail.id, kind: mail.kind, attempts: mail.attempts, durationMs: Math.round(performance.now() - started) });
		try {
			transport ??= createTransportFromUrl(options.smtpUrl).catch((error) => {
				transport = null;
				throw error;
			});
			await (
				await transport
			).sendMail({
				from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				html: mail.html,
				attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
				// The same id on every attempt: a resend after a crash is recognisable as a duplicate.
				messageId: `<${mail.id}@maillage>`,
				// RFC 3834: tells vacation responders not to answer a no-reply address.
				headers: { 'Auto-Submitted': 'auto-generated', ...mail.headers }
			});
		} catch (error) {
			try {
				const outcome = await markMailFailed(handle.db, mail.id, workerId, error, { now: clock() });
				const next = !outcome
					? 'taken over by another worker'
					: outcome.status === 'failed'
						? 'giving up'
						: `next try at ${outcome.nextAttemptAt}`;
				if (options.onFailed) options.onFailed(describe(), describeError(error), next);
				else log(`[mail] ${mail.id} (${mail.kind}) attempt ${mail.attempts} failed: ${describeError(error)}; ${next}`);
			} catch (dbError) {
				log(
					`[mail] ${mail.id} (${mail.kind}) attempt ${mail.attempts} failed: ${describeError(error)}; could not record it: ${describeError(dbError)}`
				);
			}
			return;
		}
		options.onSent?.(describe());
		try {
			if (!(await markMailSent(handle.db, mail, workerId, { now: clock() }))) {
				log(`[mail] ${mail.id} (${mail.kind}) sent, but its lock had run out and another worker holds it`);
			}
		} catch (dbError) {
			// It will be sent again once the lock runs out, with the same Message-ID.
			log(`[mail] ${mail.id} (${mail.kind}) sent, but could not be marked sent: ${describeError(dbError)}`);
		}
	}

	/** Claims and sends rounds of up to `batch` messages until none is due; never rejects. */
	async function sendDueMessages(): Promise<void> {
		while (!stopping) {
			const claimed: OutboxMail[] = [];
			let claimFailed = false;
			roundError = null;
			try {
				while (claimed.length < batch) {
					// The throttle's lease first, so that a message is never held while waiting for one.
					const slot = rate ? await takeSlot(claimed.length === 0) : null;
					if (rate && !slot) break;
					const mail = await claimNextMail(handle, workerId, { lockMs, now: clock() });
					if (!mail) {
						if (slot) await releaseSendSlot(handle.db, slot.slot, slot.until);
						break;
					}
					claimed.push(mail);
				}
			} catch (error) {
				claimFailed = true;
				roundError = error;
				log(`[mail] worker ${workerId} could not read the outbox: ${describeError(error)}`);
			}
			await Promise.all(claimed.map(send));
			if (claimFailed || claimed.length === 0) return;
		}
	}

	const loop = startPollLoop(sendDueMessages, { pollMs });

	return {
		workerId,
		kick() {
			if (!loop.stopping) void loop.run();
		},
		async drain() {
			while (!loop.stopping) {
				await loop.run();
				// Rather than spin on a database that answers the count but not the claim.
				if (roundError) throw roundError;
				if ((await countDueMail(handle.db, { now: clock() })) === 0) return;
				// Due messages this round did not get (claimed by nobody yet, or skipped while
				// another worker's claim was committing): look again shortly.
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
		stop() {
			stopped ??= (async () => {
				stopping = true;
				await loop.stop();
				(await transport?.catch(() => null))?.close();
			})();
			return stopped;
		}
	};
}

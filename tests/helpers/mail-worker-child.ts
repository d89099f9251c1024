/**
 * A mail worker in a process of its own, for tests that kill it mid-send (SIGKILL): run with
 * `node tests/helpers/mail-worker-child.ts`, configured by DATABASE_URL, SMTP_URL, WORKER_ID,
 * LOCK_MS and optionally RATE_PER_MINUTE / RATE_WINDOW_MS (the shared throttle). Prints "ready"
 * once polling.
 */
import { createDb } from '#lib/server/db/index.ts';
import { startMailWorker } from '#lib/server/mail/mail-worker.ts';

const handle = createDb(process.env.DATABASE_URL!);
const worker = startMailWorker(handle, {
	smtpUrl: process.env.SMTP_URL!,
	workerId: process.env.WORKER_ID ?? 'child',
	lockMs: Number(process.env.LOCK_MS ?? 1500),
	pollMs: 50,
	ratePerMinute: process.env.RATE_PER_MINUTE ? Number(process.env.RATE_PER_MINUTE) : null,
	rateWindowMs: process.env.RATE_WINDOW_MS ? Number(process.env.RATE_WINDOW_MS) : undefined,
	log: (line) => process.stderr.write(`${line}\n`)
});
worker.kick();
process.stdout.write('ready\n');

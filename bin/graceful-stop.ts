// How bin/serve.js stops on SIGTERM: no new connection is accepted, requests already received are
// answered (their connections then close instead of waiting 65 s idle), and once none is left the
// app is told to stop (`onDrained`: jobs, the e-mail being sent, the database). The process then
// ends by itself; whatever still holds it is cut at `deadlineMs` (10 s by default, systemd's
// TimeoutStopSec is longer).
import type { Server, ServerResponse } from 'node:http';

interface Log {
	info(fields: object, message: string): void;
	warn(fields: object, message: string): void;
}

export interface GracefulStopOptions {
	signal: string;
	log: Log;
	/** Called once every connection has closed (or was cut): the app's own shutdown. */
	onDrained: () => void;
	/** In-flight requests get this long before their connections are cut (7 s by default). */
	drainMs?: number;
	/** The process exits with 1 if it is still there after this (9.5 s by default). */
	deadlineMs?: number;
}

const stopped = new WeakSet<Server>();
const answering = new WeakMap<Server, Set<ServerResponse>>();

/** Keeps the list of requests being answered, so that a stop can mark them `Connection: close`. */
export function trackRequests(server: Server): void {
	const set = new Set<ServerResponse>();
	answering.set(server, set);
	server.on('request', (_req, res: ServerResponse) => {
		set.add(res);
		res.once('close', () => set.delete(res));
	});
}

export function stopGracefully(server: Server, options: GracefulStopOptions): void {
	if (stopped.has(server)) return;
	stopped.add(server);
	const { log, signal } = options;
	const started = Date.now();
	log.info({ signal }, 'stopping: no new connections, answering requests in flight');
	// A request that arrives on a kept-alive connection is still answered, with `Connection: close`.
	server.prependListener('request', (_req, res) => res.setHeader('connection', 'close'));
	for (const res of answering.get(server) ?? []) if (!res.headersSent) res.setHeader('connection', 'close');
	server.close(() => {
		clearInterval(sweeper);
		log.info({ afterMs: Date.now() - started }, 'connections closed');
		options.onDrained();
	});
	// A connection whose last answer has gone is idle: close it rather than wait for its timeout.
	server.closeIdleConnections();
	const sweeper = setInterval(() => server.closeIdleConnections(), 50);
	sweeper.unref();
	setTimeout(() => {
		log.warn({ afterMs: Date.now() - started }, 'requests still in flight: their connections are cut');
		server.closeAllConnections();
	}, options.drainMs ?? 7_000).unref();
	setTimeout(() => {
		log.warn({ afterMs: Date.now() - started }, 'still running: exiting now');
		process.exit(1);
	}, options.deadlineMs ?? 9_500).unref();
}

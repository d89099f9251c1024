// How long the HTTP server keeps an idle connection, and waits for a request's headers. adapter-node
// reads KEEP_ALIVE_TIMEOUT and HEADERS_TIMEOUT (seconds) for the server it creates; bin/serve.js
// creates its own, so it applies them here, with the same names and units.
//
// Why 65 s by default rather than Node's 5 s: a reverse proxy keeps its connections to the app
// open for longer than that (nginx: 60 s). When the app closes one at the moment the proxy sends a
// request on it, the proxy answers 502, and it does not send a POST again: a person registering
// would get an error page. The app must be the one that waits longer.
import type { Server } from 'node:http';

export const DEFAULT_KEEP_ALIVE_SECONDS = 65;

/** A number of seconds from the environment; undefined when unset, an error when not a number ≥ 0. */
function seconds(env: NodeJS.ProcessEnv, name: string): number | undefined {
	const raw = env[name]?.trim();
	if (!raw) return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} : un nombre de secondes est attendu (reçu « ${raw} »).`);
	return value;
}

/** Sets the server's keep-alive and headers timeouts from `env`; throws on a malformed value. */
export function applyServerTimeouts(server: Server, env: NodeJS.ProcessEnv): void {
	const keepAlive = seconds(env, 'KEEP_ALIVE_TIMEOUT') ?? DEFAULT_KEEP_ALIVE_SECONDS;
	const headers = seconds(env, 'HEADERS_TIMEOUT');
	server.keepAliveTimeout = keepAlive * 1000;
	if (headers !== undefined) server.headersTimeout = headers * 1000;
}

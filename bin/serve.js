#!/usr/bin/env node
// Serves the built app (`npm start`). adapter-node takes the protocol from a proxy header and
// assumes https without one, which breaks form posts and sign-in on plain http://localhost.
// Unless an operator names their proxy's header (PROTOCOL_HEADER), the protocol comes from
// PUBLIC_URL, set on every request here so that clients cannot choose it.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

// This server's own modules, as JavaScript written by the build into build/runtime/
// (scripts/vite-server-runtime.ts): importing TypeScript would keep Node's type stripper (some
// 17 MB) in memory. Without a build, the TypeScript files themselves.
const runtime = (name, source) => {
	const built = new URL(`../build/runtime/${name}.js`, import.meta.url);
	return import(existsSync(built) ? built.href : new URL(source, import.meta.url).href);
};
// First: may restart this process with node's memory flags (see memory.ts).
const { collectStartupGarbage, restartWithMemoryFlags } = await runtime('memory', './memory.ts');
restartWithMemoryFlags();
const { createPublicCache } = await runtime('public-cache', './public-cache.ts');
const { applyServerTimeouts } = await runtime('server-timeouts', './server-timeouts.ts');
const { createLogger } = await runtime('logger', '../src/lib/server/ops/logger.ts');
const { stopGracefully, trackRequests } = await runtime('graceful-stop', './graceful-stop.ts');

let log;
try {
	log = createLogger();
} catch (error) {
	console.error(`maillage : ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const publicUrl = new URL(process.env.PUBLIC_URL || `http://localhost:${port}`);
const ownHeader = !process.env.PROTOCOL_HEADER;
if (ownHeader) process.env.PROTOCOL_HEADER = 'x-maillage-proto';
const scheme = publicUrl.protocol.replace(':', '');

// Portraits (10 MB) and documents (20 MB) are uploaded in forms: the server accepts bodies up to
// 25 MB unless told otherwise. Forms and JSON without files read theirs with a much smaller limit
// (src/lib/server/request-body.ts).
process.env.BODY_SIZE_LIMIT ||= '25M';

// The app starts here (hooks' init: database, migrations, SMTP check). What stops it is said in one
// French line, without a stack (ops/startup-check.ts).
let handler;
try {
	({ handler } = await import(fileURLToPath(new URL('../build/handler.js', import.meta.url))));
} catch (error) {
	if (error instanceof Error && error.name === 'StartupError') console.error(`maillage : ${error.message}`);
	else console.error(error);
	process.exit(1);
}
// Pages the app marks `Cache-Control: public` are sent again for PUBLIC_CACHE_SECONDS (see
// public-cache.ts); 0 turns this off.
const cacheSeconds = Number(process.env.PUBLIC_CACHE_SECONDS ?? 2);
// A registration changes no public page (the programme shows capacities, not seats left): a rush
// of registrations leaves the programme in the cache.
const registration = /^\/(api\/v1\/events\/[^/?]+\/registrations|e\/[^/?]+\/inscription)\/?(\?|$)/;
const cache = createPublicCache({
	ttlMs: Number.isFinite(cacheSeconds) ? cacheSeconds * 1000 : 2000,
	keepOn: (req) => req.method === 'POST' && registration.test(req.url ?? '')
});

const server = http.createServer((req, res) => {
	if (ownHeader) req.headers['x-maillage-proto'] = scheme;
	cache.handle(req, res, () => handler(req, res));
});
trackRequests(server);
// Idle connections are kept KEEP_ALIVE_TIMEOUT seconds (65 by default: longer than a reverse proxy
// keeps them, see server-timeouts.ts).
try {
	applyServerTimeouts(server, process.env);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
server.listen(port, host, () => {
	collectStartupGarbage();
	log.info({ host, port, publicUrl: publicUrl.origin, rssMb: Math.round(process.memoryUsage.rss() / 1e6) }, 'listening');
});

// SIGTERM (systemd, a container) or Ctrl+C: stop accepting, answer what is in flight, then let the
// app stop its jobs, finish the e-mail being sent and close the database (graceful-stop.ts).
const stop = (signal) => stopGracefully(server, { signal, log, onDrained: () => process.emit('sveltekit:shutdown', signal) });
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

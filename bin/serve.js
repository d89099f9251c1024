#!/usr/bin/env node
// Serves the built app (`npm start`). adapter-node takes the protocol from a proxy header and
// assumes https without one, which breaks form posts and sign-in on plain http://localhost.
// Unless an operator names their proxy's header (PROTOCOL_HEADER), the protocol comes from
// PUBLIC_URL, set on every request here so that clients cannot choose it.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { createPublicCache } from './public-cache.ts';
import { applyServerTimeouts } from './server-timeouts.ts';

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

const { handler } = await import(fileURLToPath(new URL('../build/handler.js', import.meta.url)));
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
// Idle connections are kept KEEP_ALIVE_TIMEOUT seconds (65 by default: longer than a reverse proxy
// keeps them, see server-timeouts.ts).
try {
	applyServerTimeouts(server, process.env);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
server.listen(port, host, () => console.log(`Listening on http://${host}:${port} (public URL ${publicUrl.origin})`));

let stopping = false;
function shutdown() {
	if (stopping) return;
	stopping = true;
	server.close(() => {
		// Lets the app close its database pool and finish the e-mail being sent.
		process.emit('sveltekit:shutdown', 'SIGTERM');
		setTimeout(() => process.exit(0), 500).unref();
	});
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

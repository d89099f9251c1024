#!/usr/bin/env node
// Serves the built app (`npm start`). adapter-node takes the protocol from a proxy header and
// assumes https without one, which breaks form posts and sign-in on plain http://localhost.
// Unless an operator names their proxy's header (PROTOCOL_HEADER), the protocol comes from
// PUBLIC_URL, set on every request here so that clients cannot choose it.
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const publicUrl = new URL(process.env.PUBLIC_URL || `http://localhost:${port}`);
const ownHeader = !process.env.PROTOCOL_HEADER;
if (ownHeader) process.env.PROTOCOL_HEADER = 'x-maillage-proto';
const scheme = publicUrl.protocol.replace(':', '');

const { handler } = await import(fileURLToPath(new URL('../build/handler.js', import.meta.url)));

const server = http.createServer((req, res) => {
	if (ownHeader) req.headers['x-maillage-proto'] = scheme;
	handler(req, res);
});
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

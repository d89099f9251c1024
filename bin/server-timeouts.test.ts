import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { applyServerTimeouts } from './server-timeouts.ts';

const servers: http.Server[] = [];
afterEach(async () => {
	for (const s of servers.splice(0)) {
		s.closeAllConnections();
		await new Promise((r) => s.close(r));
	}
});

async function serve(env: NodeJS.ProcessEnv): Promise<{ server: http.Server; port: number }> {
	const server = http.createServer((_req, res) => res.end('ok'));
	applyServerTimeouts(server, env);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	servers.push(server);
	return { server, port: (server.address() as AddressInfo).port };
}

/** One keep-alive request on a raw socket: the response head, and the time until the server closes it. */
function requestThenWaitForClose(port: number): Promise<{ head: string; closedAfterMs: number }> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let data = '';
		let answeredAt = 0;
		socket.on('data', (c) => {
			data += c;
			if (!answeredAt && data.includes('\r\n\r\n')) answeredAt = performance.now();
		});
		socket.on('close', () => resolve({ head: data.split('\r\n\r\n')[0], closedAfterMs: performance.now() - answeredAt }));
		socket.on('error', reject);
		socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
	});
}

describe('applyServerTimeouts', () => {
	it('test_keeps_idle_connections_65_s_by_default_and_says_so_to_clients', async () => {
		const { server, port } = await serve({});
		expect(server.keepAliveTimeout).toBe(65_000);
		const res = await fetch(`http://127.0.0.1:${port}/`);
		await res.text();
		expect(res.headers.get('keep-alive')).toBe('timeout=65');
	});

	it('test_closes_an_idle_connection_after_KEEP_ALIVE_TIMEOUT_seconds', async () => {
		const { port } = await serve({ KEEP_ALIVE_TIMEOUT: '1' });
		const { head, closedAfterMs } = await requestThenWaitForClose(port);
		expect(head).toMatch(/^HTTP\/1\.1 200/);
		expect(head.toLowerCase()).toContain('keep-alive: timeout=1');
		// Node closes after the timeout plus its own one-second margin.
		expect(closedAfterMs).toBeGreaterThan(900);
		expect(closedAfterMs).toBeLessThan(4000);
	});

	it('test_sets_HEADERS_TIMEOUT_in_seconds_and_leaves_nodes_default_without_it', async () => {
		const withIt = await serve({ HEADERS_TIMEOUT: '30' });
		expect(withIt.server.headersTimeout).toBe(30_000);
		const without = await serve({ HEADERS_TIMEOUT: ' ' });
		expect(without.server.headersTimeout).toBe(http.createServer().headersTimeout);
	});

	it('test_refuses_a_value_that_is_not_a_number_of_seconds_and_changes_nothing', () => {
		for (const [name, raw] of [
			['KEEP_ALIVE_TIMEOUT', 'soixante'],
			['KEEP_ALIVE_TIMEOUT', '-1'],
			['HEADERS_TIMEOUT', '10s']
		]) {
			const server = http.createServer();
			const before = [server.keepAliveTimeout, server.headersTimeout];
			expect(() => applyServerTimeouts(server, { [name]: raw })).toThrow(`${name} : un nombre de secondes est attendu (reçu « ${raw} »).`);
			expect([server.keepAliveTimeout, server.headersTimeout]).toEqual(before);
		}
	});
});

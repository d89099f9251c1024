// bin/serve.js, the server `npm start` runs: its connection timeouts (bin/server-timeouts.ts).
import { describe, expect, it } from 'vitest';
import { startApp } from './harness.ts';

describe('bin/serve.js', () => {
	it('test_keeps_idle_connections_longer_than_a_reverse_proxy_and_follows_KEEP_ALIVE_TIMEOUT', async () => {
		for (const [env, announced] of [
			[{}, 'timeout=65'],
			[{ KEEP_ALIVE_TIMEOUT: '120' }, 'timeout=120']
		] as const) {
			const app = await startApp({ env });
			try {
				const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
				await res.arrayBuffer();
				expect(res.status).toBe(200);
				expect(res.headers.get('keep-alive')).toBe(announced);
			} finally {
				await app.stop();
			}
		}
	});

	it('test_refuses_to_start_on_a_malformed_timeout_with_a_french_message', async () => {
		await expect(startApp({ env: { KEEP_ALIVE_TIMEOUT: 'une minute' } })).rejects.toThrow(
			/exited \(code 1[\s\S]*KEEP_ALIVE_TIMEOUT : un nombre de secondes est attendu \(reçu « une minute »\)/
		);
	});
});

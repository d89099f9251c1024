import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPublicCache, type PublicCacheOptions } from './public-cache.ts';

type Page = { status?: number; headers?: Record<string, string>; body: string; delayMs?: number };

/** A real server: the cache in front of a handler that counts its renders. */
async function serve(options: Partial<PublicCacheOptions>, page: (req: http.IncomingMessage, n: number) => Page) {
	const cache = createPublicCache({ ttlMs: 2000, ...options });
	let renders = 0;
	const server = http.createServer((req, res) =>
		cache.handle(req, res, () => {
			const p = page(req, ++renders);
			const reply = () => {
				res.writeHead(p.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...p.headers });
				// Written in two chunks, as SvelteKit streams a page.
				res.write(p.body.slice(0, 3));
				res.end(p.body.slice(3));
			};
			if (p.delayMs) setTimeout(reply, p.delayMs);
			else reply();
		})
	);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	servers.push(server);
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		cache,
		renders: () => renders,
		get: async (path: string, headers: Record<string, string> = {}) => {
			const res = await fetch(base + path, { headers });
			return { status: res.status, body: await res.text(), age: res.headers.get('age'), length: res.headers.get('content-length') };
		},
		post: async (path: string) => (await fetch(base + path, { method: 'POST', body: 'x=1' })).text()
	};
}

const servers: http.Server[] = [];
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const PUBLIC = { 'cache-control': 'public, max-age=60', vary: 'Accept-Language, Cookie' };

describe('public page micro-cache', () => {
	it('sends a public page again without rendering it, with its length and age', async () => {
		const app = await serve({}, (_req, n) => ({ headers: PUBLIC, body: `programme, rendu n° ${n}` }));
		const first = await app.get('/e/x/programme');
		const second = await app.get('/e/x/programme');
		expect(first.body).toBe('programme, rendu n° 1');
		expect(second).toMatchObject({ status: 200, body: 'programme, rendu n° 1', age: '0' });
		expect(Number(second.length)).toBe(Buffer.byteLength(second.body));
		expect(app.renders()).toBe(1);
	});

	it('keeps one copy per URL and per language and cookie the page varies on', async () => {
		const app = await serve({}, (req, n) => ({ headers: PUBLIC, body: `${req.url} ${req.headers['accept-language']} ${n}` }));
		await app.get('/a', { 'accept-language': 'fr' });
		expect((await app.get('/a', { 'accept-language': 'en' })).body).toBe('/a en 2');
		expect((await app.get('/a?format=workshop', { 'accept-language': 'fr' })).body).toBe('/a?format=workshop fr 3');
		expect((await app.get('/a', { 'accept-language': 'fr', cookie: 'lang=en' })).body).toBe('/a fr 4');
		expect((await app.get('/a', { 'accept-language': 'fr' })).body).toBe('/a fr 1');
		expect(app.renders()).toBe(4);
	});

	it.each([
		['a private page', { headers: { 'cache-control': 'private, max-age=60' } }],
		['a page without Cache-Control', { headers: {} }],
		['a page that sets a cookie', { headers: { ...PUBLIC, 'set-cookie': 'a=b' } }],
		['a page that varies on another header', { headers: { ...PUBLIC, vary: 'User-Agent' } }],
		['a public page marked no-store', { headers: { 'cache-control': 'public, no-store' } }],
		['an error page', { status: 404, headers: PUBLIC }]
	])('never keeps %s', async (_name, page) => {
		const app = await serve({}, (_req, n) => ({ ...page, body: `rendu ${n}` }));
		await app.get('/p');
		expect((await app.get('/p')).body).toBe('rendu 2');
		expect(app.cache.size).toBe(0);
	});

	it('renders every time for a request with credentials or conditions', async () => {
		const app = await serve({}, (_req, n) => ({ headers: PUBLIC, body: `rendu ${n}` }));
		await app.get('/p');
		expect((await app.get('/p', { authorization: 'Bearer abc' })).body).toBe('rendu 2');
		expect((await app.get('/p', { 'if-none-match': '"x"' })).body).toBe('rendu 3');
		expect((await app.get('/p')).body).toBe('rendu 1');
	});

	it('forgets everything when anything is written, before and after the write', async () => {
		const app = await serve({}, (req, n) => ({ headers: req.method === 'GET' ? PUBLIC : {}, body: `rendu ${n}` }));
		await app.get('/e/x/programme');
		await app.post('/organisateur/e/x/programme/sessions/nouvelle');
		expect(app.cache.size).toBe(0);
		expect((await app.get('/e/x/programme')).body).toBe('rendu 3');
	});

	it('keeps its pages through the writes it is told change none of them', async () => {
		const app = await serve({ keepOn: (req) => req.url === '/e/x/inscription' }, (req, n) => ({
			headers: req.method === 'GET' ? PUBLIC : {},
			body: `rendu ${n}`
		}));
		await app.get('/e/x/programme');
		await app.post('/e/x/inscription');
		expect((await app.get('/e/x/programme')).body).toBe('rendu 1');
		await app.post('/organisateur/e/x/programme/sessions/nouvelle');
		expect((await app.get('/e/x/programme')).body).toBe('rendu 4');
	});

	it('honours a max-age shorter than its own lifetime, and can be turned off', async () => {
		let clock = 0;
		const app = await serve({ now: () => clock }, (_req, n) => ({ headers: { 'cache-control': 'public, max-age=1' }, body: `rendu ${n}` }));
		await app.get('/p');
		clock = 1500;
		await app.get('/p'); // stale: this one renders again
		expect(app.renders()).toBe(2);
		const off = await serve({ ttlMs: 0 }, (_req, n) => ({ headers: PUBLIC, body: `rendu ${n}` }));
		await off.get('/p');
		expect((await off.get('/p')).body).toBe('rendu 2');
	});

	it('at expiry, one request renders while the others get the previous page', async () => {
		let clock = 0;
		const app = await serve({ now: () => clock }, (_req, n) => ({ headers: PUBLIC, body: `rendu ${n}`, delayMs: n === 2 ? 200 : 0 }));
		await app.get('/p');
		clock = 2500; // past the lifetime, within the grace period
		const refresh = app.get('/p');
		await new Promise((r) => setTimeout(r, 50));
		const during = await Promise.all([app.get('/p'), app.get('/p')]);
		expect(during.map((r) => r.body)).toEqual(['rendu 1', 'rendu 1']);
		expect((await refresh).body).toBe('rendu 2');
		expect((await app.get('/p')).body).toBe('rendu 2');
		clock = 10_000; // past the grace period: nobody gets the old page
		expect((await app.get('/p')).body).toBe('rendu 3');
		expect(app.renders()).toBe(3);
	});

	it('does not keep a page larger than its limit, and keeps at most maxEntries pages', async () => {
		const big = await serve({ maxEntryBytes: 10 }, (_req, n) => ({ headers: PUBLIC, body: `un long programme ${n}` }));
		await big.get('/p');
		expect((await big.get('/p')).body).toBe('un long programme 2');
		const few = await serve({ maxEntries: 2 }, (req, n) => ({ headers: PUBLIC, body: `${req.url} ${n}` }));
		await few.get('/1');
		await few.get('/2');
		await few.get('/3');
		expect(few.cache.size).toBe(2);
		expect((await few.get('/1')).body).toBe('/1 4');
		expect((await few.get('/3')).body).toBe('/3 3');
	});
});

/**
 * A micro-cache in front of the app for pages that say anyone may share them: a GET answered 200
 * with `Cache-Control: public` and no cookie set (today the public programme of a published event,
 * for visitors who are not signed in). The same page is then sent again, without running the app,
 * for a second or two: the first visitors of a busy minute pay for rendering, the others get the
 * bytes. Why here rather than in a SvelteKit hook: the framework's own work per request costs
 * more than sending the page (see `npm run bench:programme`).
 *
 * Correctness rules:
 * - Keyed by the URL and every request header the page says it varies on (`Vary`); a page that
 *   varies on anything else, sets a cookie or is not `public` is never kept.
 * - Any other method (a form post, an API write) empties the cache when it starts and when it
 *   ends, so whoever changes something in this process sees the change on their next page;
 *   except the writes `keepOn` names, which change no page the cache keeps (a registration).
 *   Changes made elsewhere (another process, the CLI, a periodic job) show within the lifetime.
 * - When an entry is old, one request renders it again while the others still get the old bytes
 *   for at most one more lifetime (no pile of renders at expiry).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface PublicCacheOptions {
	/** How long a page is served from the cache (ms); 0 turns the cache off. */
	ttlMs: number;
	/** At most this many pages (the oldest go first). */
	maxEntries?: number;
	/** Pages larger than this are not kept (bytes). */
	maxEntryBytes?: number;
	/** Writes known to change no page the cache keeps: they leave it as it is. */
	keepOn?: (req: IncomingMessage) => boolean;
	now?: () => number;
}

interface Entry {
	status: number;
	headers: OutgoingHttpHeaders;
	body: Buffer;
	storedAt: number;
	freshUntil: number;
	staleUntil: number;
	refreshing: boolean;
}

/** Request headers a cached page may vary on: they are part of the key. */
const KEYED_HEADERS = ['accept-language', 'cookie'] as const;
/** `Vary` values the cache understands (accept-encoding: the app never compresses). */
const UNDERSTOOD_VARY = new Set<string>([...KEYED_HEADERS, 'accept-encoding']);

type Next = () => void;

export interface PublicCache {
	handle(req: IncomingMessage, res: ServerResponse, next: Next): void;
	clear(): void;
	readonly size: number;
}

export function createPublicCache(options: PublicCacheOptions): PublicCache {
	const { ttlMs, maxEntries = 500, maxEntryBytes = 1024 * 1024, now = Date.now, keepOn = () => false } = options;
	const entries = new Map<string, Entry>();
	const clear = () => entries.clear();

	function store(key: string, res: ServerResponse, body: Buffer): void {
		const ttl = lifetime(res, ttlMs);
		if (ttl <= 0 || body.length > maxEntryBytes) return;
		const headers = res.getHeaders();
		headers['content-length'] = String(body.length);
		const t = now();
		entries.delete(key);
		entries.set(key, {
			status: res.statusCode,
			headers,
			body,
			storedAt: t,
			freshUntil: t + ttl,
			staleUntil: t + 2 * ttl,
			refreshing: false
		});
		while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
	}

	function handle(req: IncomingMessage, res: ServerResponse, next: Next): void {
		if (ttlMs <= 0) return next();
		if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
			if (keepOn(req)) return next();
			clear();
			res.once('close', clear);
			return next();
		}
		if (req.method !== 'GET' || !cacheableRequest(req)) return next();
		const key = keyOf(req);
		const t = now();
		const hit = entries.get(key);
		if (hit && (t < hit.freshUntil || (t < hit.staleUntil && hit.refreshing))) return send(res, hit, t);
		if (hit && t >= hit.staleUntil) entries.delete(key);
		const refreshing = hit && t < hit.staleUntil ? hit : undefined;
		if (refreshing) refreshing.refreshing = true;
		capture(res, maxEntryBytes, (body) => {
			if (refreshing) refreshing.refreshing = false;
			if (body && storable(res)) store(key, res, body);
			// The page is no longer shared (unpublished, gone): the old bytes must not be served.
			else if (body && refreshing && entries.get(key) === refreshing) entries.delete(key);
		});
		next();
	}

	return {
		handle,
		clear,
		get size() {
			return entries.size;
		}
	};
}

function cacheableRequest(req: IncomingMessage): boolean {
	const h = req.headers;
	return !h.authorization && !h.range && !h['if-none-match'] && !h['if-modified-since'];
}

function keyOf(req: IncomingMessage): string {
	return [req.url ?? '', ...KEYED_HEADERS.map((name) => req.headers[name] ?? '')].join('\n');
}

function directives(res: ServerResponse): Map<string, string> {
	const value = String(res.getHeader('cache-control') ?? '').toLowerCase();
	const map = new Map<string, string>();
	for (const part of value.split(',')) {
		const [name, arg] = part.trim().split('=');
		if (name) map.set(name, (arg ?? '').replace(/"/g, ''));
	}
	return map;
}

function storable(res: ServerResponse): boolean {
	if (res.statusCode !== 200 || res.hasHeader('set-cookie') || res.hasHeader('content-encoding')) return false;
	const cc = directives(res);
	if (!cc.has('public') || cc.has('private') || cc.has('no-store') || cc.has('no-cache')) return false;
	const vary = String(res.getHeader('vary') ?? '')
		.toLowerCase()
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
	return vary.every((v) => UNDERSTOOD_VARY.has(v));
}

/** The cache's lifetime for this answer: ours, shortened by the page's own max-age. */
function lifetime(res: ServerResponse, ttlMs: number): number {
	const cc = directives(res);
	const maxAge = Number(cc.get('s-maxage') ?? cc.get('max-age'));
	return Number.isFinite(maxAge) ? Math.min(ttlMs, maxAge * 1000) : ttlMs;
}

function send(res: ServerResponse, entry: Entry, t: number): void {
	res.writeHead(entry.status, { ...entry.headers, age: String(Math.floor((t - entry.storedAt) / 1000)) });
	res.end(entry.body);
}

type Chunk = string | Uint8Array;
type WriteArgs = [chunk: Chunk, ...rest: unknown[]];

/** Copies what the app writes; `done` gets the whole body once sent, or null if it was not. */
function capture(res: ServerResponse, limit: number, done: (body: Buffer | null) => void): void {
	const chunks: Buffer[] = [];
	let size = 0;
	let overflow = false;
	const keep = (chunk: unknown, encoding: unknown) => {
		if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
		const buffer =
			typeof chunk === 'string'
				? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
				: Buffer.from(chunk as Uint8Array);
		size += buffer.length;
		if (size > limit) {
			overflow = true;
			chunks.length = 0;
		} else chunks.push(buffer);
	};
	// Headers given to writeHead are not kept by Node where getHeaders() finds them: set them first.
	const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
	res.writeHead = ((status: number, ...rest: unknown[]) => {
		const headers = rest.find((a) => typeof a === 'object' && a !== null && !Array.isArray(a)) as OutgoingHttpHeaders | undefined;
		if (!headers) return writeHead(status, ...rest);
		for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
		return writeHead(status, ...rest.filter((a) => typeof a === 'string'));
	}) as ServerResponse['writeHead'];
	const write = res.write.bind(res) as (...args: WriteArgs) => boolean;
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	res.write = ((...args: WriteArgs) => {
		keep(args[0], args[1]);
		return write(...args);
	}) as ServerResponse['write'];
	res.end = ((...args: unknown[]) => {
		keep(args[0], args[1]);
		return end(...args);
	}) as ServerResponse['end'];
	let settled = false;
	const settle = (body: Buffer | null) => {
		if (settled) return;
		settled = true;
		done(body);
	};
	res.once('finish', () => settle(overflow ? null : Buffer.concat(chunks, size)));
	res.once('close', () => settle(null));
}

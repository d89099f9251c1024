/**
 * The headers browsers expect, on every answer (hooks.server.ts). Pages get their
 * Content-Security-Policy from SvelteKit (`csp` in vite.config.ts: hashes of the inline styles and
 * of the hydration script of the two pages that have one); this adds what SvelteKit does not:
 * a policy for answers built by hand (the unsubscribe and digest pages, files, JSON), the
 * framing exception of the embeddable programme, and the other headers.
 */
import { createHash } from 'node:crypto';
import { allowMapTiles, type MapTilesConfig } from '../directory/tile-map.ts';

/** What a hand-built HTML page may use: its own inline `<style>` (by hash), nothing else. */
function handBuiltPolicy(styleHashes: string[]): string {
	const styles = styleHashes.map((h) => `'sha256-${h}'`).join(' ');
	return [
		"default-src 'none'",
		`style-src ${styles || "'none'"}`,
		"img-src 'self' data:",
		"form-action 'self'",
		"frame-ancestors 'none'",
		"base-uri 'none'"
	].join('; ');
}

/** Files, JSON, redirects: nothing to run, nothing to frame. */
const NOTHING = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The page an organiser's site may put in an iframe (programme/integrer). */
export function isEmbeddable(pathname: string): boolean {
	return /^\/e\/[^/]+\/programme\/integrer\/?$/.test(pathname);
}

/** The welcome desk, whose QR scanner uses the camera. */
export function usesCamera(pathname: string): boolean {
	return /^\/organisateur\/e\/[^/]+\/accueil\/?$/.test(pathname);
}

/** The sha-256 (base64) of every inline `<style>` of an HTML text. */
export function inlineStyleHashes(html: string): string[] {
	return [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => createHash('sha256').update(m[1]).digest('base64'));
}

/**
 * `response` with the security headers set; `extraFormAction` is where a sign-in form may send the
 * browser on (the ProConnect provider, reached by a redirect that `form-action` also governs);
 * `mapTiles`, the instance's tile server, whose images the directory's map page alone may show.
 */
export async function withSecurityHeaders(
	response: Response,
	options: { pathname: string; https: boolean; extraFormAction?: string | null; mapTiles?: MapTilesConfig | null }
): Promise<Response> {
	let headers: Headers;
	let body: BodyInit | null = response.body;
	try {
		// Responses of fetch() and some of SvelteKit's have immutable headers.
		response.headers.set('x-content-type-options', 'nosniff');
		headers = response.headers;
	} catch {
		headers = new Headers(response.headers);
		headers.set('x-content-type-options', 'nosniff');
	}
	if (!headers.has('referrer-policy')) headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set(
		'permissions-policy',
		usesCamera(options.pathname) ? 'camera=(self), microphone=(), geolocation=()' : 'camera=(), microphone=(), geolocation=()'
	);
	if (options.https) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	const embeddable = isEmbeddable(options.pathname);
	if (embeddable) headers.delete('x-frame-options');
	else headers.set('x-frame-options', 'DENY');

	let policy = headers.get('content-security-policy');
	if (!policy) {
		const type = headers.get('content-type') ?? '';
		if (type.startsWith('text/html') && response.body) {
			const html = await response.text();
			policy = handBuiltPolicy(inlineStyleHashes(html));
			body = html;
		} else policy = NOTHING;
	}
	if (embeddable) policy = policy.replace(/frame-ancestors [^;]*/, 'frame-ancestors *');
	if (options.extraFormAction && /form-action /.test(policy))
		policy = policy.replace(/form-action ([^;]*)/, `form-action $1 ${options.extraFormAction}`);
	policy = allowMapTiles(policy, options.pathname, options.mapTiles ?? null);
	headers.set('content-security-policy', policy);

	if (headers === response.headers && body === response.body) return response;
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

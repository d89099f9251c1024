/** Checks of a request made before anything reads it (hooks.server.ts). */
import { getSessionCookie } from 'better-auth/cookies';

/** A NUL character in the URL, raw or percent-encoded: PostgreSQL refuses it in any text. */
export function hasNulInUrl(raw: string): boolean {
	return raw.includes('\0') || /%00/i.test(raw);
}

/**
 * SvelteKit's CSRF rule, applied here: a form-encoded POST/PUT/PATCH/DELETE from another origin
 * is refused. The JSON API (/api/v1) has its own rule (isCrossOriginCookieApiCall).
 */
export function isCrossSiteFormPost(request: Request, url: URL): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) || url.pathname.startsWith('/api/v1/')) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	const formLike = type === '' || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'text/plain';
	return formLike && request.headers.get('origin') !== url.origin;
}

/**
 * Links of e-mails that a mail client follows by itself (RFC 8058 one-click: a POST with no Origin
 * and the body `List-Unsubscribe=One-Click`); they act on a token in the link, never on a session.
 */
const ONE_CLICK_PATHS = [/^\/api\/v1\/unsubscribe\/?$/, /^\/api\/v1\/events\/[^/]+\/tasks\/digest\/?$/];

/**
 * A change to the JSON API authenticated by the session cookie must come from our own origin:
 * otherwise a page of another origin on the same site (whose requests carry SameSite=Lax
 * cookies) could act as the signed-in organiser. A bearer token is never sent by a browser on its
 * own, so calls with `Authorization` are fine from anywhere.
 */
export function isCrossOriginCookieApiCall(request: Request, url: URL): boolean {
	if (!url.pathname.startsWith('/api/v1/') || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return false;
	if (request.headers.get('authorization') || !getSessionCookie(request.headers)) return false;
	if (ONE_CLICK_PATHS.some((p) => p.test(url.pathname))) return false;
	return request.headers.get('origin') !== url.origin;
}

/** A refusal in the caller's terms: the API's JSON error body under /api, plain French text elsewhere. */
export function refusal(pathname: string, status: number, message: string, headers: Record<string, string> = {}): Response {
	const json = pathname.startsWith('/api/');
	return new Response(json ? JSON.stringify({ errors: [{ field: '_', message }] }) : message, {
		status,
		headers: { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }
	});
}

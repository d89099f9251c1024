import { sequence, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit/hooks';
import type { RequestEvent } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import { getSessionCookie } from 'better-auth/cookies';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { startApp, type AppContext } from '#lib/server/app.ts';
import { authenticateToken } from '#lib/server/auth/token.service.ts';
import { findUserById } from '#lib/server/auth/user.service.ts';
import { pickLang, translator } from '#lib/i18n/index.ts';
import { logRequests, logUnexpectedError } from '#lib/server/ops/request-log.ts';
import { logAppStarted, stopAppOnShutdown } from '#lib/server/ops/lifecycle.ts';
import { createPageQueue, queuesPage, type PageQueue } from '#lib/server/ops/page-queue.ts';
import { wantsActivityPub } from '#lib/server/activitypub/activitypub.http.ts';
import { isDatabaseBusy } from '#lib/server/db/busy.ts';
import { PG_POOL_SIZE } from '#lib/server/db/index.ts';
import { bodyLimitFor, guardBody, isEndpointPath } from '#lib/server/security/body-guard.ts';
import { hasNulInUrl, isCrossOriginCookieApiCall, isCrossSiteFormPost, refusal } from '#lib/server/security/request-checks.ts';
import { withSecurityHeaders } from '#lib/server/security/security-headers.ts';
import { signInClientAllowed } from '#lib/server/auth/sign-in-throttle.ts';
import { safeAddress } from '#lib/server/registrations/registration.http.ts';

// One instance per process (a database pool and a mail worker), not per-user state.
let app: AppContext;
let pages: PageQueue;

export const init: ServerInit = async () => {
	app = await startApp({ authPlugins: [sveltekitCookies(getRequestEvent)], jobs: true });
	// SQLite: one page at a time (queries and rendering share this thread); PostgreSQL: as many as the pool has connections.
	pages = createPageQueue(app.config.pageConcurrency ?? (app.handle.dialect === 'sqlite' ? 1 : PG_POOL_SIZE));
	stopAppOnShutdown(app);
	logAppStarted(app);
};

/** Authentication into `locals` (session cookie or API bearer token) and the page language. */
async function identify(event: RequestEvent): Promise<void> {
	const { locals, request, cookies } = event;
	locals.app = app;
	locals.lang = pickLang(cookies.get('lang'), request.headers.get('accept-language'));
	locals.t = translator(locals.lang);
	locals.actor = null;
	locals.user = null;
	locals.badToken = false;

	const authorization = request.headers.get('authorization');
	if (authorization) {
		const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
		const who = token ? await authenticateToken(app.handle.db, token) : null;
		if (who) {
			locals.actor = { id: who.id, isAdmin: who.isAdmin };
			locals.user = { id: who.id, email: who.email, name: who.name, isAdmin: who.isAdmin };
		} else {
			locals.badToken = true;
		}
	} else if (!event.url.pathname.startsWith('/api/auth/') && getSessionCookie(request.headers)) {
		// Without a session cookie there is no session to look up (most public requests).
		const session = await app.auth.api.getSession({ headers: request.headers });
		if (session) {
			const row = await findUserById(app.handle.db, session.user.id);
			if (row) {
				locals.actor = { id: row.id, isAdmin: row.is_admin === 1 };
				locals.user = { id: row.id, email: row.email, name: row.name, isAdmin: row.is_admin === 1 };
			}
		}
	}
}

/**
 * Everything between the request log and the routes: the request checked (URL, origin, body:
 * security/request-checks.ts and body-guard.ts), the caller identified, better-auth's own
 * endpoints, and the answer given its security headers (security-headers.ts) — or a 503 when
 * SQLite was locked by another process (db/busy.ts).
 */
const secured: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const early = (status: number, key: string, headers?: Record<string, string>) =>
		secure(
			refusal(url.pathname, status, translator(pickLang(event.cookies.get('lang'), request.headers.get('accept-language')))(key), headers)
		);
	const secure = (response: Response) =>
		withSecurityHeaders(response, {
			pathname: url.pathname,
			https: url.protocol === 'https:',
			extraFormAction: app.config.proConnect?.issuer,
			mapTiles: app.config.mapTiles
		});

	if (hasNulInUrl(request.url)) return early(400, 'security.nulByte');
	if (isCrossSiteFormPost(request, url)) return secure(new Response('Cross-site form submissions are forbidden', { status: 403 }));
	if (isCrossOriginCookieApiCall(request, url)) return early(403, 'security.crossOrigin');
	await identify(event);
	const { locals } = event;

	const guarded = await guardBody(request, { limit: bodyLimitFor(url.pathname, locals.actor !== null), api: isEndpointPath(url.pathname) });
	if (!guarded.ok) return early(guarded.problem === 'too-large' ? 413 : 400, BODY_PROBLEM_MESSAGES[guarded.problem]);
	// The routes read the buffered copy (the original's stream is used up); SvelteKit's event is a
	// plain object whose `request` is read-only only in its types.
	(event as { request: Request }).request = guarded.request;

	// better-auth's own endpoints (magic-link verification, ProConnect callback, sign-out).
	if (url.pathname.startsWith('/api/auth/')) {
		if (url.pathname === '/api/auth/sign-in/magic-link' && !signInClientAllowed(app, safeAddress(event.getClientAddress)))
			return early(429, 'security.signInTooManyFromNetwork', { 'retry-after': '60' });
		return secure(await app.auth.handler(event.request));
	}

	let response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locals.lang) });
	if (locals.databaseBusy) return early(503, 'security.databaseBusy', { 'retry-after': '2' });
	// better-auth sends an expired or reused magic link back to the sign-in page with `?error=`:
	// the page explains it in French, and the status says it failed.
	if (url.pathname === '/connexion' && url.searchParams.has('error') && response.status === 200)
		response = new Response(response.body, { status: 400, headers: response.headers });
	return secure(response);
};

/** ActivityPub's paths (actors, inboxes, WebFinger, events as objects) go to Fedify; it hands back what it does not serve. */
const activityPub: Handle = async ({ event, resolve }) => {
	if (!wantsActivityPub(event.request, event.url)) return resolve(event);
	return (await app.activitypub()).fetch(event.request, {
		contextData: { db: app.handle.db, publicUrl: app.config.publicUrl },
		onNotFound: () => resolve(event),
		onNotAcceptable: () => resolve(event)
	});
};

/**
 * Visitors' reads of public pages wait their turn (ops/page-queue.ts); the log counts the wait. One
 * who leaves before their turn is logged 499 (the status proxies use for it) and costs no render.
 */
const queued: Handle = ({ event, resolve }) =>
	queuesPage(event.request.method, event.route.id, event.isSubRequest)
		? pages.run(() => resolve(event), { signal: event.request.signal, gone: () => new Response(null, { status: 499 }) })
		: resolve(event);

/** One log line per request (ops/request-log.ts), the public page queue, ActivityPub (signed server-to-server calls), then the checks, authentication and language. */
export const handle: Handle = sequence(logRequests, queued, activityPub, secured);

/** A lock held on SQLite by another process is no bug: `secured` answers it 503; the rest is logged. */
export const handleError: HandleServerError = (input) => {
	if (isDatabaseBusy(input.error)) {
		input.event.locals.databaseBusy = true;
		return { message: input.event.locals.t?.('security.databaseBusy') ?? 'Base de données occupée' };
	}
	return logUnexpectedError(input);
};

const BODY_PROBLEM_MESSAGES = {
	'too-large': 'security.bodyTooLarge',
	malformed: 'security.bodyMalformed',
	nul: 'security.nulByte'
} as const;

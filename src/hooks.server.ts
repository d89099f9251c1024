import { sequence, type Handle, type ServerInit } from '@sveltejs/kit/hooks';
import { getRequestEvent } from '$app/server';
import { getSessionCookie } from 'better-auth/cookies';
import { sveltekitCookies } from 'better-auth/svelte-kit';
import { startApp, type AppContext } from '#lib/server/app.ts';
import { authenticateToken } from '#lib/server/auth/token.service.ts';
import { findUserById } from '#lib/server/auth/user.service.ts';
import { pickLang, translator } from '#lib/i18n/index.ts';
import { logRequests, logUnexpectedError } from '#lib/server/ops/request-log.ts';
import { logAppStarted, stopAppOnShutdown } from '#lib/server/ops/lifecycle.ts';
import { wantsActivityPub } from '#lib/server/activitypub/activitypub.http.ts';

// One instance per process (a database pool and a mail worker), not per-user state.
let app: AppContext;

export const init: ServerInit = async () => {
	app = await startApp({ authPlugins: [sveltekitCookies(getRequestEvent)], jobs: true });
	stopAppOnShutdown(app);
	logAppStarted(app);
};

/** Authentication into `locals` (session cookie or API bearer token) and the page language. */
const authenticate: Handle = async ({ event, resolve }) => {
	const { locals, request, cookies } = event;
	if (isCrossSiteFormPost(request, event.url)) return new Response('Cross-site form submissions are forbidden', { status: 403 });
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

	// better-auth's own endpoints (magic-link verification, ProConnect callback, sign-out).
	if (event.url.pathname.startsWith('/api/auth/')) return app.auth.handler(request);

	const response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locals.lang) });
	// better-auth sends an expired or reused magic link back to the sign-in page with `?error=`:
	// the page explains it in French, and the status says it failed.
	if (event.url.pathname === '/connexion' && event.url.searchParams.has('error') && response.status === 200)
		return new Response(response.body, { status: 400, headers: response.headers });
	return response;
};

/** ActivityPub's paths (actors, inboxes, WebFinger, events as objects) go to Fedify; it hands back what it does not serve. */
const activityPub: Handle = ({ event, resolve }) => {
	if (!wantsActivityPub(event.request, event.url)) return resolve(event);
	return app.activitypub.fetch(event.request, {
		contextData: { db: app.handle.db, publicUrl: app.config.publicUrl },
		onNotFound: () => resolve(event),
		onNotAcceptable: () => resolve(event)
	});
};

/** One log line per request (ops/request-log.ts), ActivityPub, then authentication and language. */
export const handle: Handle = sequence(logRequests, activityPub, authenticate);
export const handleError = logUnexpectedError;

/**
 * SvelteKit's CSRF rule, applied here: a form-encoded POST/PUT/PATCH/DELETE from another origin
 * is refused. The JSON API (/api/v1) accepts only application/json, which a cross-site form
 * cannot send, and answers any other body with a 400 of its own.
 */
function isCrossSiteFormPost(request: Request, url: URL): boolean {
	if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) || url.pathname.startsWith('/api/v1/')) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	const formLike = type === '' || type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'text/plain';
	return formLike && request.headers.get('origin') !== url.origin;
}

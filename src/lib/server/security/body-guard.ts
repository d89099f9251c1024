/**
 * Every request body goes through here before any form action or endpoint sees it (hooks.server.ts):
 * read once with the limit its route needs, checked, and handed on as a buffered request.
 *
 * Why one guard rather than each route's own reading: a form action calls `request.formData()`,
 * which reads whatever arrives (adapter-node's limit, 25 MB, is set for uploads) and throws a
 * TypeError — a 500 — on a body that is not the form its content type announces. Here a body over
 * its route's limit is a 413, a malformed one a 400, with a French message, and a NUL character
 * (which PostgreSQL refuses in text) a 400 too, before a service runs.
 */
import { REGISTRATION_BODY_LIMIT } from '../registrations/registration.http.ts';
import { SURVEY_ANSWER_BODY_LIMIT } from '../surveys/survey.http.ts';
import {
	BodyMalformed,
	formHasNul,
	isBodyTooLarge,
	isFormMediaType,
	mediaType,
	parseFormBody,
	readBodyCapped,
	textHasNul
} from '../request-body.ts';

const KB = 1024;
/** The server's own limit (bin/serve.js), for signed-in uploads: the routes cap further. */
export const SIGNED_IN_BODY_LIMIT = 25 * 1024 * KB;
/** Anything anonymous that the table below does not name: far more than any of our forms. */
export const ANONYMOUS_BODY_LIMIT = 64 * KB;

/**
 * Bodies by path: the smallest that their real use fits. `always`: even for a signed-in caller
 * (nothing there needs more); otherwise a signed-in caller gets SIGNED_IN_BODY_LIMIT.
 */
const ROUTE_LIMITS: { path: RegExp; limit: number; always?: true }[] = [
	// An e-mail address and where to go next; a language; nothing.
	{ path: /^\/connexion\/?$/, limit: 4 * KB, always: true },
	{ path: /^\/api\/auth\//, limit: 4 * KB, always: true },
	{ path: /^\/(langue|deconnexion)\/?$/, limit: 4 * KB, always: true },
	// A token and `List-Unsubscribe=One-Click`.
	{ path: /^\/api\/v1\/unsubscribe\/?$/, limit: 4 * KB, always: true },
	{ path: /^\/api\/v1\/events\/[^/]+\/tasks\/digest\/?$/, limit: 4 * KB, always: true },
	// The registration form and its API (registration.http.ts explains the figure), the private page.
	{ path: /^\/e\/[^/]+\/inscription\/?$/, limit: REGISTRATION_BODY_LIMIT },
	{ path: /^\/api\/v1\/events\/[^/]+\/registrations\/?$/, limit: REGISTRATION_BODY_LIMIT },
	{ path: /^\/inscription\/[^/]+\/?$/, limit: REGISTRATION_BODY_LIMIT },
	// A speaker's own form (portrait, slides) behind their private link: uploads, like a signed-in organiser's.
	{ path: /^\/intervenant\/[^/]+\/?$/, limit: SIGNED_IN_BODY_LIMIT },
	// Survey answers (long free texts).
	{ path: /^\/inscription\/[^/]+\/questionnaire\/?$/, limit: SURVEY_ANSWER_BODY_LIMIT },
	{ path: /^\/api\/v1\/events\/[^/]+\/survey\/responses\/?$/, limit: SURVEY_ANSWER_BODY_LIMIT }
];

/** The most a body to `pathname` may weigh, for a signed-in caller or not. */
export function bodyLimitFor(pathname: string, signedIn: boolean): number {
	const named = ROUTE_LIMITS.find((r) => r.path.test(pathname));
	if (named?.always) return named.limit;
	if (signedIn) return SIGNED_IN_BODY_LIMIT;
	return named?.limit ?? ANONYMOUS_BODY_LIMIT;
}

/** Paths served by endpoints (+server.ts) outside /api: they read what they like, not only forms. */
export function isEndpointPath(pathname: string): boolean {
	return pathname.startsWith('/api/') || pathname === '/deconnexion' || pathname === '/langue';
}

export type BodyProblem = 'too-large' | 'malformed' | 'nul';

/** What the guard decided: the request to hand on (its body buffered), or the problem. */
export type GuardedBody = { ok: true; request: Request } | { ok: false; problem: BodyProblem };

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads and checks the body of `request` (methods that carry one); `api` says whether it goes to
 * an endpoint (any content type its route accepts) or a page (form actions: forms only).
 */
export async function guardBody(request: Request, options: { limit: number; api: boolean }): Promise<GuardedBody> {
	if (!WITH_BODY.has(request.method)) return { ok: true, request };
	let body: Uint8Array<ArrayBuffer>;
	try {
		body = await readBodyCapped(request, options.limit);
	} catch (e) {
		if (isBodyTooLarge(e)) {
			// A page's upload form says so next to its file field (programme.http.ts readMultipart)
			// rather than on a bare error page: its action reads a body that fails as too large.
			if (!options.api && mediaType(request) === 'multipart/form-data') return { ok: true, request: failingWith(request, e) };
			return { ok: false, problem: 'too-large' };
		}
		// The client stopped sending mid-body (a truncated upload): nothing to act on.
		return { ok: false, problem: 'malformed' };
	}
	const type = mediaType(request);
	const contentType = request.headers.get('content-type') ?? '';
	if (isFormMediaType(type)) {
		try {
			if (formHasNul(await parseFormBody(body, contentType))) return { ok: false, problem: 'nul' };
		} catch (e) {
			if (e instanceof BodyMalformed) return { ok: false, problem: 'malformed' };
			throw e;
		}
	} else if (!options.api) {
		// A page's form actions read forms only; anything else would reach `formData()` and fail.
		return { ok: false, problem: 'malformed' };
	} else if (/json|text/.test(type) && textHasNul(body)) {
		return { ok: false, problem: 'nul' };
	}
	return { ok: true, request: rebuild(request, body) };
}

/** The same request whose body, when read, fails with `error` (nothing of it was kept). */
function failingWith(request: Request, error: unknown): Request {
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: new ReadableStream({ start: (controller) => controller.error(error) }),
		signal: request.signal,
		duplex: 'half'
	} as RequestInit);
}

/** The same request with its body already read (the original's stream is used up). */
function rebuild(request: Request, body: Uint8Array<ArrayBuffer>): Request {
	return new Request(request.url, {
		method: request.method,
		headers: request.headers,
		body: body.byteLength > 0 || request.method !== 'DELETE' ? body : undefined,
		signal: request.signal
	});
}

import { json } from '@sveltejs/kit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../validation.ts';
import { etagOf, ifMatchVersions, StaleVersionError } from '../edit-version.ts';
import type { Translate } from '../../i18n/index.ts';
import { isBodyTooLarge, readTextCapped } from '../request-body.ts';

/** The API's error body: one entry per problem, messages in the caller's language (French by default). */
export function errorBody(errors: { field: string; message: string }[]) {
	return { errors };
}

class ApiFailure extends Error {
	readonly response: Response;
	constructor(response: Response) {
		super(`HTTP ${response.status}`);
		this.response = response;
	}
}

function fail(status: number, field: string, message: string, headers?: Record<string, string>): ApiFailure {
	return new ApiFailure(json(errorBody([{ field, message }]), { status, headers }));
}

/** The most a JSON request body may weigh (bytes); files are sent as raw bodies, not JSON. */
export const API_BODY_LIMIT = 1_000_000;

/** The JSON body of a request: 400 unless it is `application/json` and parses; 413 past API_BODY_LIMIT. */
export async function readJson(request: Request, t: Translate): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw fail(400, '_', t('errors.contentType'));
	let text: string;
	try {
		text = await readTextCapped(request, API_BODY_LIMIT);
	} catch (e) {
		if (isBodyTooLarge(e)) throw fail(413, '_', t('errors.tooLong', { max: API_BODY_LIMIT }));
		throw e;
	}
	try {
		return JSON.parse(text);
	} catch {
		throw fail(400, '_', t('errors.malformedJson'));
	}
}

/** The authenticated actor, or 401 (no credentials, or a token that is unknown or revoked). */
export function requireActor(locals: App.Locals): NonNullable<App.Locals['actor']> {
	if (locals.badToken)
		throw fail(401, 'authorization', locals.t('errors.tokenInvalid'), { 'www-authenticate': 'Bearer error="invalid_token"' });
	if (!locals.actor) throw fail(401, 'authorization', locals.t('errors.tokenMissing'), { 'www-authenticate': 'Bearer' });
	return locals.actor;
}

/** Like requireActor, but anonymous callers are fine; a bad token is still refused. */
export function optionalActor(locals: App.Locals): App.Locals['actor'] {
	if (locals.badToken) requireActor(locals);
	return locals.actor;
}

/**
 * Runs an endpoint: domain errors become their status (422 with every field problem, 404 for
 * anything the caller may not see, 403, 409); anything else is a 500 logged by SvelteKit.
 */
export async function apiHandler(locals: App.Locals, run: () => Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (e) {
		if (e instanceof ApiFailure) return e.response;
		const t = locals.t;
		if (e instanceof ValidationError)
			return json(errorBody(e.issues.map((i) => ({ field: i.field, message: t(i.message, i.params) }))), { status: 422 });
		// RFC 9110: a false If-Match is 412; a change that slipped in without one (a race within the
		// request) is a plain conflict. Either way the current ETag comes along, to read it again.
		if (e instanceof StaleVersionError)
			return json(errorBody([{ field: e.named ? 'If-Match' : '_', message: t('security.staleApi') }]), {
				status: e.named ? 412 : 409,
				headers: e.current === null ? undefined : { etag: etagOf(e.current) }
			});
		if (e instanceof ConflictError)
			return json(errorBody(e.issues.map((i) => ({ field: i.field, message: t(i.message, i.params) }))), { status: 409 });
		if (e instanceof NotFoundError) return json(errorBody([{ field: '_', message: t('errors.notFound') }]), { status: 404 });
		if (e instanceof ForbiddenError) return json(errorBody([{ field: '_', message: t('errors.forbidden') }]), { status: 403 });
		throw e;
	}
}

/** The versions a request's `If-Match` accepts (undefined: no header, or `*`); see edit-version.ts. */
export function ifMatch(request: Request): number[] | undefined {
	return ifMatchVersions(request.headers.get('if-match'));
}

/** A JSON answer carrying the resource's version as its `ETag`. */
export function jsonWithEtag(body: { version: number }, init: ResponseInit = {}): Response {
	const headers = new Headers(init.headers);
	headers.set('etag', etagOf(body.version));
	return json(body, { ...init, headers });
}

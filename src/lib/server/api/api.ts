import { json } from '@sveltejs/kit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../validation.ts';
import { etagOf, ifMatchVersions, readVersion, StaleVersionError, type ExpectedVersion } from '../edit-version.ts';
import type { Translate } from '../../i18n/index.ts';
import { isBodyTooLarge, readBodyCapped, readTextCapped } from '../request-body.ts';
import type { Actor } from '../auth/permissions.ts';
import type { ServiceContext } from '../events/event.service.ts';
import { serviceContext } from '../route-helpers.ts';

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

/** The most a CSV file sent as a request body may weigh (bytes). */
export const API_CSV_LIMIT = 10 * API_BODY_LIMIT;

/**
 * The raw body of an import sent as a file (`text/csv`; `application/csv` and `text/plain` are
 * taken too): 400 for any other content type, 413 past `max` bytes.
 */
export async function readCsvBody(request: Request, t: Translate, max = API_CSV_LIMIT): Promise<Uint8Array> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^(text\/csv|application\/csv|text\/plain)\b/i.test(type)) throw fail(400, '_', t('errors.csvContentType'));
	try {
		return await readBodyCapped(request, max);
	} catch (e) {
		if (isBodyTooLarge(e)) throw fail(413, '_', t('errors.tooLong', { max }));
		throw e;
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

/**
 * Runs a PATCH at the version its caller read: `If-Match`'s (a mismatch answers 412), else the
 * body's own `version`, the one GET returned, sent back with the changes (a mismatch answers 409,
 * like a form's). `run` gets the body without `version`; an unreadable `version` is a 422.
 */
export async function patchAtVersion<T>(
	request: Request,
	body: unknown,
	run: (input: unknown, version: ExpectedVersion) => Promise<T>
): Promise<T> {
	const header = ifMatch(request);
	if (body === null || typeof body !== 'object' || Array.isArray(body) || !('version' in body)) return run(body, header);
	const { version, ...input } = body as Record<string, unknown>;
	if (header !== undefined) return run(input, header);
	const named = typeof version === 'number' ? readVersion(version) : undefined;
	if (named === undefined) throw new ValidationError([{ field: 'version', message: 'errors.integer' }]);
	return atBodyVersion(() => run(input, named));
}

/** Runs a change whose caller named the version in its body: a stale one answers 409, like a form's (not If-Match's 412). */
export async function atBodyVersion<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (e) {
		throw e instanceof StaleVersionError ? new StaleVersionError(e.current, false) : e;
	}
}

type ItemCall<R> = (ctx: ServiceContext, actor: Actor, slug: string, id: string) => Promise<R>;
type ItemEvent = { locals: App.Locals; params: { slug: string; id: string }; request: Request };

/**
 * GET, PATCH and DELETE of one versioned item of an event (`/events/{slug}/<items>/{id}`) from its
 * three services: GET and PATCH answer its `ETag`, PATCH honours If-Match or the body's `version`
 * (patchAtVersion), DELETE answers 204.
 */
export function versionedItemEndpoints<T extends { version: number }>(service: {
	get: ItemCall<T>;
	update: (ctx: ServiceContext, actor: Actor, slug: string, id: string, input: unknown, version: ExpectedVersion) => Promise<T>;
	remove: ItemCall<void>;
}) {
	return {
		GET: ({ locals, params }: ItemEvent) =>
			apiHandler(locals, async () => jsonWithEtag(await service.get(serviceContext(locals), requireActor(locals), params.slug, params.id))),
		PATCH: ({ locals, params, request }: ItemEvent) =>
			apiHandler(locals, async () => {
				const actor = requireActor(locals);
				const body = await readJson(request, locals.t);
				const ctx = serviceContext(locals);
				return jsonWithEtag(
					await patchAtVersion(request, body, (input, v) => service.update(ctx, actor, params.slug, params.id, input, v))
				);
			}),
		DELETE: ({ locals, params }: ItemEvent) =>
			apiHandler(locals, async () => {
				await service.remove(serviceContext(locals), requireActor(locals), params.slug, params.id);
				return new Response(null, { status: 204 });
			})
	};
}

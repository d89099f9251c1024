/**
 * HTTP adapters of registration for the routes (like event.form.ts for forms): the request body
 * with a clear French answer when it is too large, the rate limit of the public endpoint, and the
 * private link's token as a bearer. Nothing here decides anything: the services do.
 */
import { json } from '@sveltejs/kit';
import { apiHandler, errorBody } from '../api/api.ts';
import type { Translate } from '../../i18n/index.ts';
import { isBodyTooLarge, readFormCapped, readTextCapped } from '../request-body.ts';
import { emailDomain, registrationDomainLimiter, registrationLimiter } from './rate-limit.ts';
import { looksLikeManageToken } from './registration.service.ts';

/** An answer decided before any service runs (400, 413, 429…). */
export class HttpAnswer extends Error {
	readonly response: Response;
	constructor(response: Response) {
		super(`HTTP ${response.status}`);
		this.response = response;
	}
}

function answer(status: number, field: string, message: string, headers?: Record<string, string>): HttpAnswer {
	return new HttpAnswer(json(errorBody([{ field, message }]), { status, headers }));
}

/** apiHandler, plus the answers of this module. */
export function registrationApi(locals: App.Locals, run: () => Promise<Response>): Promise<Response> {
	return apiHandler(locals, async () => {
		try {
			return await run();
		} catch (e) {
			if (e instanceof HttpAnswer) return e.response;
			throw e;
		}
	});
}

/**
 * The most a registration may weigh. Its longest texts are a few thousand characters: 256 KB is
 * far above any real person's form (a field merely too long still gets its own French message
 * from the schema) and far below what a flood could make the server hold.
 */
export const REGISTRATION_BODY_LIMIT = 256 * 1024;

/**
 * The JSON body. A body over REGISTRATION_BODY_LIMIT is refused with 413 and a French message
 * rather than SvelteKit's English one; a field that is merely too long gets its own 422 from the
 * schema.
 */
export async function readRegistrationJson(request: Request, t: Translate): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw answer(400, '_', t('errors.contentType'));
	let text: string;
	try {
		text = await readTextCapped(request, REGISTRATION_BODY_LIMIT);
	} catch (e) {
		if (isBodyTooLarge(e)) throw answer(413, '_', t('registration.errors.tooLarge'));
		throw e;
	}
	try {
		return JSON.parse(text);
	} catch {
		throw answer(400, '_', t('errors.malformedJson'));
	}
}

/** The form's data, or null when the body is over REGISTRATION_BODY_LIMIT (the page says so in French). */
export async function readFormBody(request: Request): Promise<FormData | null> {
	try {
		return await readFormCapped(request, REGISTRATION_BODY_LIMIT);
	} catch (e) {
		if (isBodyTooLarge(e)) return null;
		throw e;
	}
}

/** Counts one public registration request from `address`; throws 429 (with Retry-After) when over the limit. */
export function limitRegistrations(locals: App.Locals, address: string): void {
	const limiter = registrationLimiter(locals.app);
	if (!limiter) return;
	const r = limiter.take(address);
	if (!r.ok) throw answer(429, '_', locals.t('registration.errors.rateLimited'), { 'retry-after': String(r.retryAfter) });
}

/**
 * Counts one registration towards the domain of the e-mail address typed (when there is one);
 * false when that domain is over its limit (see rate-limit.ts).
 */
export function registrationDomainAllowed(locals: App.Locals, email: unknown): boolean {
	if (locals.actor) return true;
	const limiter = registrationDomainLimiter(locals.app);
	const domain = emailDomain(email);
	return !limiter || !domain || limiter.take(domain).ok;
}

/** registrationDomainAllowed for the API: throws 429 when the domain is over its limit. */
export function limitRegistrationDomain(locals: App.Locals, body: unknown): void {
	if (locals.actor) return; // an organiser adding people is not the anonymous public
	const email = typeof body === 'object' && body !== null ? (body as { email?: unknown }).email : null;
	if (!registrationDomainAllowed(locals, email))
		throw answer(429, 'email', locals.t('security.domainRateLimited'), { 'retry-after': '60' });
}

/** Same limit for form actions: a message instead of an exception. */
export function registrationAllowed(locals: App.Locals, address: string): boolean {
	const limiter = registrationLimiter(locals.app);
	return !limiter || limiter.take(address).ok;
}

/** The private link's token sent as `Authorization: Bearer mrg_…`, if that is what was sent. */
export function bearerManageToken(request: Request): string | null {
	const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
	return token && looksLikeManageToken(token) ? token : null;
}

export function safeAddress(getClientAddress: () => string): string {
	try {
		return getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** A generated file (export, PDF) as a download that no cache keeps. */
export function fileResponse(file: { filename: string; contentType: string; body: Buffer }): Response {
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
			'cache-control': 'private, no-store'
		}
	});
}

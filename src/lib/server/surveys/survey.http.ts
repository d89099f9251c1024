/**
 * HTTP adapters of the survey for the routes: the answer's body (with room for a text far too
 * long, so that it gets the schema's own French 422 rather than a 413), the private link's token
 * as a bearer, and the answers of the API that the shared handler does not word for a participant.
 */
import { json } from '@sveltejs/kit';
import { apiHandler, errorBody } from '../api/api.ts';
import { isBodyTooLarge, readTextCapped } from '../request-body.ts';
import { ForbiddenError } from '../validation.ts';

/** An answer body may hold one text of 1 MB (refused by its schema with a French message); past this, 413. */
export const SURVEY_ANSWER_BODY_LIMIT = 4 * 1024 * 1024;

class Early extends Error {
	readonly response: Response;
	constructor(status: number, field: string, message: string, headers?: Record<string, string>) {
		super(`HTTP ${status}`);
		this.response = json(errorBody([{ field, message }]), { status, headers });
	}
}

/** apiHandler, plus: a cancelled registration's 403 says so in the participant's words. */
export function surveyApi(locals: App.Locals, run: () => Promise<Response>): Promise<Response> {
	return apiHandler(locals, async () => {
		try {
			return await run();
		} catch (e) {
			if (e instanceof Early) return e.response;
			if (e instanceof ForbiddenError && e.message === 'cancelled')
				return json(errorBody([{ field: '_', message: locals.t('surveys.answer.cancelled') }]), { status: 403 });
			throw e;
		}
	});
}

/** The JSON body of an answer: 400 unless JSON, 413 past SURVEY_ANSWER_BODY_LIMIT. */
export async function readAnswerJson(request: Request, locals: App.Locals): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new Early(400, '_', locals.t('errors.contentType'));
	let text: string;
	try {
		text = await readTextCapped(request, SURVEY_ANSWER_BODY_LIMIT);
	} catch (e) {
		if (isBodyTooLarge(e)) throw new Early(413, '_', locals.t('registration.errors.tooLarge'));
		throw e;
	}
	try {
		return JSON.parse(text);
	} catch {
		throw new Early(400, '_', locals.t('errors.malformedJson'));
	}
}

/** The private link's token from `Authorization: Bearer mrg_…`, or a 401. */
export function requireManageToken(request: Request, locals: App.Locals): string {
	const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
	if (!token) throw new Early(401, 'authorization', locals.t('errors.tokenMissing'), { 'www-authenticate': 'Bearer' });
	return token;
}

/** 401 for a token that opens no registration. */
export function linkInvalid(locals: App.Locals): never {
	throw new Early(401, 'authorization', locals.t('surveys.errors.linkInvalid'), { 'www-authenticate': 'Bearer error="invalid_token"' });
}

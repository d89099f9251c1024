/**
 * One log line per request answered by the app: method, route id (never the path, which may hold
 * a private link's token), status, duration and a request id. The id comes from the proxy
 * (`X-Request-Id`, nginx's `$request_id`) when it looks like one, else is made here, and is sent
 * back in the answer's `X-Request-Id`, so that a person's report can be found in the logs.
 */
import { randomUUID } from 'node:crypto';
import type { Handle, HandleServerError } from '@sveltejs/kit/hooks';
import { errorFields, getLogger, redactAddresses } from './logger.ts';

const GIVEN_ID = /^[\w.:-]{1,128}$/;

/** The request's id: the proxy's when it is a plain token, else a new UUID. */
export function requestIdOf(headers: Headers): string {
	const given = headers.get('x-request-id');
	return given && GIVEN_ID.test(given) ? given : randomUUID();
}

export const logRequests: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = requestIdOf(event.request.headers);
	event.locals.requestId = requestId;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		try {
			response.headers.set('x-request-id', requestId);
		} catch {
			// An answer with immutable headers (a fetched one): it goes without the id.
		}
		return response;
	} finally {
		const durationMs = Math.round((performance.now() - started) * 100) / 100;
		const line = { requestId, method: event.request.method, route: event.route.id, status, durationMs };
		const log = getLogger();
		if (status >= 500) log.error(line, 'request');
		else log.info(line, 'request');
	}
};

/** An unexpected error (a bug, a database down): logged with the request's id, not the visitor's data. */
export const logUnexpectedError: HandleServerError = (caught) => {
	if (caught.kind !== 'unknown') return;
	const { error, event } = caught;
	getLogger().error(
		{
			requestId: event.locals.requestId,
			route: event.route.id,
			err: { ...errorFields(error), stack: error instanceof Error && error.stack ? redactAddresses(error.stack) : undefined }
		},
		'unexpected error'
	);
};

import { json } from '@sveltejs/kit';
import { checkReadiness } from '#lib/server/ops/health.service.ts';
import type { RequestHandler } from './$types';

/** Readiness (ops/health.service.ts): 200 when every check passes, 503 otherwise; never cached. */
export const GET: RequestHandler = async ({ locals }) => {
	const readiness = await checkReadiness(locals.app.handle, { smtp: locals.app.config.smtpUrl !== null });
	return json(readiness, { status: readiness.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};

import { findGroupDigestOptOut, optOutOfGroupDigestByToken } from '#lib/server/groups/digest.service.ts';
import { unsubscribePage } from '#lib/server/campaigns/unsubscribe-page.ts';
import { isOneClickUnsubscribe } from '#lib/server/mail/list-unsubscribe.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

// The weekly group digest's opt-out link. Under /api/v1 so that a mail client's one-click POST
// (RFC 8058: no Origin header, body `List-Unsubscribe=One-Click`) is not refused as cross-site.
const KEYS = 'groups.digest.optOut';
const HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

export const GET: RequestHandler = async ({ locals, url }) => {
	const token = url.searchParams.get('token') ?? '';
	try {
		const link = await findGroupDigestOptOut(locals.app.handle.db, token);
		return new Response(unsubscribePage(locals.lang, { ...link, token, done: false }, KEYS), { headers: HEADERS });
	} catch (e) {
		if (e instanceof NotFoundError)
			return new Response(unsubscribePage(locals.lang, { badLink: true }, KEYS), { status: 404, headers: HEADERS });
		throw e;
	}
};

export const POST: RequestHandler = async ({ locals, request, url }) => {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		form = new FormData();
	}
	const token = String(form.get('token') ?? url.searchParams.get('token') ?? '');
	try {
		const link = await optOutOfGroupDigestByToken(locals.app.handle.db, token);
		if (isOneClickUnsubscribe(form))
			return new Response(locals.t('groups.digest.optOut.oneClickDone'), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
		return new Response(unsubscribePage(locals.lang, { ...link, token, done: true }, KEYS), { headers: HEADERS });
	} catch (e) {
		if (e instanceof NotFoundError)
			return new Response(unsubscribePage(locals.lang, { badLink: true }, KEYS), { status: 404, headers: HEADERS });
		throw e;
	}
};

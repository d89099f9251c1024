import { error } from '@sveltejs/kit';
import { findDigestSubscription, setDigestSubscriptionByToken } from '#lib/server/planning/digest.service.ts';
import { digestPage } from '#lib/server/planning/digest-page.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { isOneClickUnsubscribe } from '#lib/server/mail/list-unsubscribe.ts';
import type { RequestHandler } from './$types';

// The weekly e-mail's "stop receiving it" link, for owners who may have no account: opening it
// (which mail scanners do too) changes nothing; the button on the page posts the choice.
async function answer(
	locals: App.Locals,
	run: () => Promise<{ eventTitle: string; address: string; receives: boolean }>,
	token: string,
	done: boolean
) {
	try {
		const state = await run();
		return new Response(digestPage(locals.lang, { ...state, token, done }), {
			headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
		});
	} catch (e) {
		if (e instanceof NotFoundError) error(404, locals.t('planning.digest.badLink'));
		throw e;
	}
}

export const GET: RequestHandler = ({ locals, params, url }) => {
	const token = url.searchParams.get('token') ?? '';
	return answer(locals, () => findDigestSubscription(serviceContext(locals).db, params.slug, token), token, false);
};

export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		form = new FormData();
	}
	// RFC 8058: a mail client's one-click request posts `List-Unsubscribe=One-Click` to the link itself.
	const oneClick = isOneClickUnsubscribe(form);
	const token = String(form.get('token') ?? url.searchParams.get('token') ?? '');
	const receive = !oneClick && form.get('receive') === '1';
	return answer(locals, () => setDigestSubscriptionByToken(serviceContext(locals).db, params.slug, token, receive), token, true);
};

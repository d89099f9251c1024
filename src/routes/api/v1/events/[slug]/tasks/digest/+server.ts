import { error } from '@sveltejs/kit';
import { findDigestSubscription, setDigestSubscriptionByToken } from '#lib/server/planning/digest.service.ts';
import { digestPage } from '#lib/server/planning/digest-page.ts';
import { NotFoundError } from '#lib/server/validation.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
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

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const form = await request.formData();
	const token = String(form.get('token') ?? '');
	const receive = form.get('receive') === '1';
	return answer(locals, () => setDigestSubscriptionByToken(serviceContext(locals).db, params.slug, token, receive), token, true);
};

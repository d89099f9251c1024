/**
 * The two handlers of a one-click opt-out link (RFC 8058), shared by the campaigns' unsubscribe
 * link and the working groups' weekly digest: GET shows a page with a button and changes nothing
 * (mail scanners open links); POST — the button, or the mail client's one-click request — opts
 * out. A wrong token is a 404 page. Kept under /api/v1 so that the one-click POST (no Origin
 * header) is not refused as cross-site.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { DbOrTx } from '../db/index.ts';
import { unsubscribePage } from '../campaigns/unsubscribe-page.ts';
import { NotFoundError } from '../validation.ts';
import { isOneClickUnsubscribe } from './list-unsubscribe.ts';

const HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

type Link = { email: string; eventTitle: string };

export function oneClickOptOutHandlers(options: {
	find: (db: DbOrTx, token: string) => Promise<Link>;
	optOut: (db: DbOrTx, token: string) => Promise<Link>;
	/** The messages' prefix (see unsubscribePage). */
	keys: 'campaigns.unsubscribe' | 'groups.digest.optOut';
}) {
	const badLink = (lang: App.Locals['lang']) =>
		new Response(unsubscribePage(lang, { badLink: true }, options.keys), { status: 404, headers: HEADERS });
	return {
		async GET({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
			const token = url.searchParams.get('token') ?? '';
			try {
				const link = await options.find(locals.app.handle.db, token);
				return new Response(unsubscribePage(locals.lang, { ...link, token, done: false }, options.keys), { headers: HEADERS });
			} catch (e) {
				if (e instanceof NotFoundError) return badLink(locals.lang);
				throw e;
			}
		},
		async POST({ locals, request, url }: Pick<RequestEvent, 'locals' | 'request' | 'url'>) {
			let form: FormData;
			try {
				form = await request.formData();
			} catch {
				form = new FormData();
			}
			const token = String(form.get('token') ?? url.searchParams.get('token') ?? '');
			try {
				const link = await options.optOut(locals.app.handle.db, token);
				if (isOneClickUnsubscribe(form))
					return new Response(locals.t(`${options.keys}.oneClickDone`), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
				return new Response(unsubscribePage(locals.lang, { ...link, token, done: true }, options.keys), { headers: HEADERS });
			} catch (e) {
				if (e instanceof NotFoundError) return badLink(locals.lang);
				throw e;
			}
		}
	};
}

import { redirect } from '@sveltejs/kit';
import { isLang } from '#lib/i18n/index.ts';
import { safeNext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The language switch: a plain link, so it works without JavaScript. */
export const GET: RequestHandler = ({ url, cookies }) => {
	const lang = url.searchParams.get('l');
	if (isLang(lang))
		cookies.set('lang', lang, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
	redirect(303, safeNext(url.searchParams.get('next')));
};

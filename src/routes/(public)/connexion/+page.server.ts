import { error, fail, redirect } from '@sveltejs/kit';
import { emailSchema } from '#lib/server/auth/user.service.ts';
import { requestMagicLink, startProConnect } from '#lib/server/auth/sign-in.service.ts';
import { safeNext } from '#lib/server/route-helpers.ts';
import { signInClientAllowed, signInLinkAllowed } from '#lib/server/auth/sign-in-throttle.ts';
import { safeAddress } from '#lib/server/registrations/registration.http.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => ({
	error: url.searchParams.get('error'),
	next: safeNext(url.searchParams.get('next'), '/organisateur'),
	email: url.searchParams.get('email') ?? '',
	proConnect: locals.app.config.proConnect !== null,
	signedOut: url.searchParams.has('deconnecte')
});

export const actions: Actions = {
	magicLink: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		const raw = String(form.get('email') ?? '');
		const next = safeNext(String(form.get('next') ?? ''), '/organisateur');
		const parsed = emailSchema.safeParse(raw);
		if (!parsed.success) return fail(400, { values: { email: raw }, errors: { email: locals.t(parsed.error.issues[0].message) } });
		if (!signInClientAllowed(locals.app, safeAddress(getClientAddress)))
			return fail(429, { values: { email: raw }, errors: { email: locals.t('security.signInTooManyFromNetwork') } });
		if (!(await signInLinkAllowed(locals.app.handle.db, parsed.data)))
			return fail(429, { values: { email: raw }, errors: { email: locals.t('security.signInTooManyForAddress') } });
		await requestMagicLink(locals.app, parsed.data, next, request.headers);
		locals.app.kickMail();
		return { sent: parsed.data, next };
	},
	proconnect: async ({ request, locals }) => {
		if (!locals.app.config.proConnect) error(404, locals.t('errors.notFound'));
		const form = await request.formData();
		const next = safeNext(String(form.get('next') ?? ''), '/organisateur');
		redirect(303, await startProConnect(locals.app, next, request.headers));
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { getEvent } from '#lib/server/events/event.service.ts';
import { confirmHold, getHold } from '#lib/server/registrations/registration-hold.service.ts';
import { thanksStatus } from '#lib/server/registrations/registration.form.ts';
import { loadOr404, serviceContext, translateIssues } from '#lib/server/route-helpers.ts';
import { ConflictError, NotFoundError } from '#lib/server/validation.ts';
import type { Actions, PageServerLoad } from './$types';

// Double opt-in's link. Opening it confirms nothing (mail scanners open links): the page asks for
// a click, and the POST makes the registration. The token is the person's key: never cached, never
// sent on to another site.
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'private, no-store' });
	const event = await loadOr404(locals.t, () => getEvent(serviceContext(locals), locals.actor, params.slug));
	let hold: { email: string; firstName: string } | null = null;
	try {
		hold = await getHold(serviceContext(locals), params.slug, url.searchParams.get('token') ?? '');
	} catch (e) {
		if (!(e instanceof NotFoundError)) throw e;
	}
	return { event: { slug: event.slug, title: event.title }, hold };
};

export const actions: Actions = {
	default: async ({ locals, params, url }) => {
		let status: string;
		try {
			status = thanksStatus(await confirmHold(serviceContext(locals), params.slug, url.searchParams.get('token') ?? ''));
		} catch (e) {
			if (e instanceof NotFoundError) return fail(404, { errors: { _: locals.t('registration.hold.gone') } });
			if (e instanceof ConflictError) return fail(409, { errors: translateIssues(e.issues, locals.t) });
			throw e;
		}
		locals.app.kickMail();
		redirect(303, `/e/${params.slug}/inscription/merci?statut=${status}`);
	}
};

import { json } from '@sveltejs/kit';
import { requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { findRegistrationIdByToken } from '#lib/server/registrations/registration.service.ts';
import { cancelRegistration } from '#lib/server/registrations/registration-manage.service.ts';
import { getOwnRegistration } from '#lib/server/registrations/registration-own.service.ts';
import { bearerManageToken, registrationApi } from '#lib/server/registrations/registration.http.ts';
import { getParticipantForApi } from '#lib/server/registrations/participants.service.ts';
import type { RequestHandler } from './$types';

// Two kinds of bearer: an organiser's API token (`mlg_…`, resolved by hooks into locals.actor) or
// the registration's own private-link token (`mrg_…`, which hooks does not know and flags as a
// bad token): the latter is tried here before answering 401.

/** Cancels the registration (its seats go to the first people waiting); 204, also when already cancelled. */
export const DELETE: RequestHandler = ({ locals, params, request }) =>
	registrationApi(locals, async () => {
		const token = bearerManageToken(request);
		if (token && !locals.actor && !(await findRegistrationIdByToken(serviceContext(locals), token)))
			return json({ errors: [{ field: 'authorization', message: locals.t('registration.errors.linkInvalid') }] }, { status: 401 });
		const who = token && !locals.actor ? { token } : { actor: requireActor(locals) };
		await cancelRegistration(serviceContext(locals), who, params.id);
		locals.app.kickMail();
		return new Response(null, { status: 204 });
	});

/** The registration: in full for its organisers (audited), as its holder sees it with the private-link token. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	registrationApi(locals, async () => {
		const token = bearerManageToken(request);
		if (!token || locals.actor) return json(await getParticipantForApi(serviceContext(locals), requireActor(locals), params.id));
		const own = await getOwnRegistration(serviceContext(locals), token);
		if (own.registration.id !== params.id) return json({ errors: [{ field: '_', message: locals.t('errors.notFound') }] }, { status: 404 });
		const { checkinCode: _code, ...registration } = own.registration;
		return json({
			event: { slug: own.event.slug, title: own.event.title, startsAt: own.event.startsAt, endsAt: own.event.endsAt },
			registration
		});
	});

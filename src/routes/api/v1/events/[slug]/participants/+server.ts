import { json } from '@sveltejs/kit';
import { requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { registerParticipant } from '#lib/server/registrations/registration.service.ts';
import { readRegistrationJson, registrationApi } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/**
 * Organisers add a registration at any time, also after closing and for a past event (same body
 * as the public registration; the consent is the organisers' responsibility). 201 when created,
 * 200 when the address was already registered.
 */
export const POST: RequestHandler = ({ locals, params, request }) =>
	registrationApi(locals, async () => {
		const actor = requireActor(locals);
		const body = await readRegistrationJson(request, locals.t);
		const res = await registerParticipant(serviceContext(locals), actor, params.slug, body, { source: 'organiser', lang: locals.lang });
		if (res.created) locals.app.kickMail();
		return json(
			{ id: res.id, status: res.status, sessions: res.sessions, manageToken: res.manageToken },
			{ status: res.created ? 201 : 200, headers: { location: `/api/v1/registrations/${res.id}` } }
		);
	});

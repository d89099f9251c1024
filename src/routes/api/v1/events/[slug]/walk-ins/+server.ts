import { json } from '@sveltejs/kit';
import { requireActor } from '#lib/server/api/api.ts';
import { registerWalkIn } from '#lib/server/checkin/checkin.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { readRegistrationJson, registrationApi } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** The welcome desk's walk-in: registered and checked in at once (201), or checked in when already registered (200). */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	registrationApi(locals, async () => {
		const actor = requireActor(locals);
		const body = await readRegistrationJson(request, locals.t);
		const res = await registerWalkIn(serviceContext(locals), actor, params.slug, body, url.searchParams.get('halfDay') ?? '');
		if (res.created) locals.app.kickMail();
		return json(
			{ id: res.id, status: res.status, sessions: res.sessions, manageToken: res.manageToken },
			{ status: res.created ? 201 : 200, headers: { location: `/api/v1/registrations/${res.id}` } }
		);
	});

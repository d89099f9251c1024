import { json } from '@sveltejs/kit';
import { optionalActor, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { registerOnline } from '#lib/server/registrations/registration-hold.service.ts';
import { cleanFilter, listParticipantsForApi } from '#lib/server/registrations/participants.service.ts';
import {
	limitRegistrationDomain,
	limitRegistrations,
	readRegistrationJson,
	registrationApi,
	safeAddress
} from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** Public: register. 201 when created, 200 when the person was already registered (nothing changed), 202 when the address must be confirmed first. */
export const POST: RequestHandler = ({ locals, params, request, getClientAddress }) =>
	registrationApi(locals, async () => {
		limitRegistrations(locals, safeAddress(getClientAddress));
		const actor = optionalActor(locals);
		const body = await readRegistrationJson(request, locals.t);
		limitRegistrationDomain(locals, body);
		const res = await registerOnline(serviceContext(locals), actor, params.slug, body, { lang: locals.lang });
		if ('held' in res) {
			locals.app.kickMail();
			return json({ status: 'pending-confirmation', expiresAt: res.expiresAt }, { status: 202 });
		}
		if (res.created) locals.app.kickMail();
		return json(
			{ id: res.id, status: res.status, sessions: res.sessions, manageToken: res.manageToken },
			{ status: res.created ? 201 : 200, headers: { location: `/api/v1/registrations/${res.id}` } }
		);
	});

/** Organisers: the participants (filters as query parameters). */
export const GET: RequestHandler = ({ locals, params, url }) =>
	registrationApi(locals, async () => {
		const actor = requireActor(locals);
		const filter = cleanFilter(Object.fromEntries(url.searchParams));
		return json(await listParticipantsForApi(serviceContext(locals), actor, params.slug, filter));
	});

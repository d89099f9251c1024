import { getEvent } from '#lib/server/events/event.service.ts';
import { getEventRegistrationFields, updateEventWithRegistration } from '#lib/server/registrations/registration-settings.service.ts';
import { apiHandler, ifMatch, jsonWithEtag, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const { role: _role, ...event } = await getEvent(serviceContext(locals), optionalActor(locals), params.slug);
		return jsonWithEtag({ ...event, ...(await getEventRegistrationFields(locals.app.handle.db, event.id)) });
	});

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		// capacity, registrationOpensAt and registrationClosesAt belong to registrations: same transaction.
		return jsonWithEtag(
			await updateEventWithRegistration(serviceContext(locals), actor, params.slug, await readJson(request, locals.t), ifMatch(request))
		);
	});

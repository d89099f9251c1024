import { json } from '@sveltejs/kit';
import { ifMatch, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { editRegistration } from '#lib/server/registrations/registration-edit.service.ts';
import { readRegistrationJson, registrationApi } from '#lib/server/registrations/registration.http.ts';
import type { RequestHandler } from './$types';

/** The team corrects a registration, as on its page: the whole form again; `?notify=false` changes it silently. */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	registrationApi(locals, async () => {
		const actor = requireActor(locals);
		const body = await readRegistrationJson(request, locals.t);
		const edited = await editRegistration(serviceContext(locals), actor, params.id, body, {
			notify: url.searchParams.get('notify') !== 'false',
			version: ifMatch(request),
			eventSlug: params.slug
		});
		locals.app.kickMail();
		return json(edited);
	});

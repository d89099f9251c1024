import { json } from '@sveltejs/kit';
import { resendConfirmation } from '#lib/server/registrations/registration-history.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** The same service as the registration page's button: a new private link, recorded in the audit log. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const sent = await resendConfirmation(serviceContext(locals), requireActor(locals), params.id, { eventSlug: params.slug });
		locals.app.kickMail();
		return json(sent);
	});

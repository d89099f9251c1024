import { eraseRegistration } from '#lib/server/registrations/registration-manage.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Erases the registration for good (right to erasure), as the page's « Supprimer » does. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await eraseRegistration(serviceContext(locals), { actor: requireActor(locals) }, params.id, { eventSlug: params.slug });
		locals.app.kickMail();
		return new Response(null, { status: 204 });
	});

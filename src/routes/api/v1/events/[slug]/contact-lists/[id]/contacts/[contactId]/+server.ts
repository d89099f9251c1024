import { deleteContact } from '#lib/server/contacts/contact.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Removes one contact from the list, as the list's page does. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteContact(serviceContext(locals), requireActor(locals), params.slug, params.id, params.contactId);
		return new Response(null, { status: 204 });
	});

import { json } from '@sveltejs/kit';
import { createContactList, listContactLists } from '#lib/server/contacts/contact.service.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json((await listContactLists(serviceContext(locals), requireActor(locals), params.slug)).lists));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const list = await createContactList(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(list, { status: 201, headers: { location: `/api/v1/events/${params.slug}/contact-lists/${list.id}/contacts` } });
	});

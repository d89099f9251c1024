import { json } from '@sveltejs/kit';
import { copyContactList, listContactLists } from '#lib/server/contacts/contact.service.ts';
import { contactListCopySchema } from '#lib/server/contacts/contact.schema.ts';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { parseOrThrow } from '#lib/server/validation.ts';
import type { RequestHandler } from './$types';

/** The lists of the caller's other events, as the « Reprendre une liste » form offers them. */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const { reusable } = await listContactLists(serviceContext(locals), requireActor(locals), params.slug);
		return json(reusable.map((r) => ({ id: r.id, name: r.name, eventTitle: r.event_title, eventSlug: r.event_slug })));
	});

/** Copies one of them into this event (its unsubscribed addresses left out), as that form does. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const { source } = parseOrThrow(contactListCopySchema, await readJson(request, locals.t));
		const list = await copyContactList(serviceContext(locals), actor, params.slug, source);
		return json(list, { status: 201, headers: { location: `/api/v1/events/${params.slug}/contact-lists/${list.id}/contacts` } });
	});

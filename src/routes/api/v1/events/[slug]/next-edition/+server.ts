import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { prepareNextEdition } from '#lib/server/reports/next-edition.service.ts';
import type { RequestHandler } from './$types';

/** « Préparer l'édition suivante »: 201 with the new draft event; 409 when it already exists. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const event = await prepareNextEdition(serviceContext(locals), requireActor(locals), params.slug);
		return json(event, { status: 201, headers: { location: `/api/v1/events/${event.slug}` } });
	});

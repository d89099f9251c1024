import { json } from '@sveltejs/kit';
import { getRegistrationHistory } from '#lib/server/registrations/registration-history.service.ts';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json(await getRegistrationHistory(serviceContext(locals), requireActor(locals), params.id, { eventSlug: params.slug }))
	);

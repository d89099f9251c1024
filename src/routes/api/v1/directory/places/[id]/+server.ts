import { json } from '@sveltejs/kit';
import { getPlace } from '#lib/server/directory/place.service.ts';
import { apiHandler } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await getPlace(serviceContext(locals), params.id)));

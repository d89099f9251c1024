import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { listLabelRequests } from '#lib/server/national/label-request.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () =>
		json(await listLabelRequests(serviceContext(locals), requireActor(locals), url.searchParams.get('status')))
	);

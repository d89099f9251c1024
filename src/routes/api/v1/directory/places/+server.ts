import { json } from '@sveltejs/kit';
import { listPlaces } from '#lib/server/directory/place.service.ts';
import { apiHandler } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () => {
		const { items, total } = await listPlaces(serviceContext(locals), Object.fromEntries(url.searchParams));
		return json({ items, total });
	});

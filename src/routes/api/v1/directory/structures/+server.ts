import { json } from '@sveltejs/kit';
import { listStructures } from '#lib/server/directory/structure.service.ts';
import { apiHandler } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () => json(await listStructures(serviceContext(locals), Object.fromEntries(url.searchParams))));

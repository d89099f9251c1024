import { json } from '@sveltejs/kit';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { listNationalEvents, parseNationalFilter } from '#lib/server/national/national.service.ts';
import type { RequestHandler } from './$types';

/** Public: the instance's published local NECs, filtered (`year`, `region`, `departement`, `axis`, `format`, `organiserType`, `source`). */
export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () => {
		optionalActor(locals);
		return json(await listNationalEvents(serviceContext(locals), parseNationalFilter(url.searchParams)));
	});

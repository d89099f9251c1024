import { json } from '@sveltejs/kit';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getNationalFigures, parseNationalFilter } from '#lib/server/national/national.service.ts';
import type { RequestHandler } from './$types';

/** Public: the cross-event figures of published events, one year (`?year=`) or all. */
export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () => {
		optionalActor(locals);
		const { year } = parseNationalFilter({ year: url.searchParams.get('year') });
		return json(await getNationalFigures(serviceContext(locals), { year }));
	});

import { exportPlacesCsv } from '#lib/server/directory/place.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { CSV_CONTENT_TYPE, OPEN_DATA, csvOptionsFrom } from '#lib/server/csv.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	apiHandler(locals, async () => {
		optionalActor(locals);
		const csv = await exportPlacesCsv(serviceContext(locals), csvOptionsFrom(url.searchParams, OPEN_DATA));
		return new Response(csv, {
			headers: {
				'content-type': CSV_CONTENT_TYPE,
				'content-disposition': 'attachment; filename="lieux-de-mediation-numerique.csv"',
				'cache-control': 'public, max-age=60'
			}
		});
	});

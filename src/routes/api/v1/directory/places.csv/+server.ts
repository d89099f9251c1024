import { exportPlacesCsv } from '#lib/server/directory/place.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => {
		optionalActor(locals);
		const csv = await exportPlacesCsv(serviceContext(locals));
		return new Response(csv, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': 'attachment; filename="lieux-de-mediation-numerique.csv"',
				'cache-control': 'public, max-age=60'
			}
		});
	});

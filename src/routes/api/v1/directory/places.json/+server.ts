import { exportPlacesJson } from '#lib/server/directory/place.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => {
		optionalActor(locals);
		return new Response(await exportPlacesJson(serviceContext(locals)), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': 'attachment; filename="lieux-de-mediation-numerique.json"',
				'cache-control': 'public, max-age=60'
			}
		});
	});

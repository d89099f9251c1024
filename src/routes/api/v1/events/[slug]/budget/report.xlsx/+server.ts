import { exportBudget } from '#lib/server/budget/budget.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const file = await exportBudget(serviceContext(locals), optionalActor(locals), params.slug, 'cerfa-15059');
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'private, no-store'
			}
		});
	});

import { exportBudget } from '#lib/server/budget/budget.service.ts';
import { apiHandler, optionalActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { csvOptionsFrom } from '#lib/server/csv.ts';
import { rememberCsvSeparator } from '#lib/server/csv-preference.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ cookies, locals, params, url }) =>
	apiHandler(locals, async () => {
		// Asked from the budget screen: its separator is offered first next time.
		rememberCsvSeparator(cookies, url);
		const file = await exportBudget(serviceContext(locals), optionalActor(locals), params.slug, 'csv', csvOptionsFrom(url.searchParams));
		return new Response(file.body, {
			headers: {
				'content-type': file.contentType,
				'content-disposition': `attachment; filename="${file.filename}"`,
				'cache-control': 'private, no-store'
			}
		});
	});

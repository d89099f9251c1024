import { json } from '@sveltejs/kit';
import { budgetForApi, budgetTag, readBudgetForApi, replaceBudget } from '#lib/server/budget/budget.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { ifMatchTags } from '#lib/server/edit-version.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

// The budget is one document: its ETag digests every line's id and version (see budgetTag).
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const { body, tag } = await readBudgetForApi(serviceContext(locals), optionalActor(locals), params.slug);
		return json(body, { headers: { etag: `"${tag}"` } });
	});

export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const input = await readJson(request, locals.t);
		const view = await replaceBudget(serviceContext(locals), actor, params.slug, input, ifMatchTags(request.headers.get('if-match')));
		return json(budgetForApi(view), { headers: { etag: `"${budgetTag(view.lines)}"` } });
	});

import { json } from '@sveltejs/kit';
import { budgetForApi, getBudgetForApi, replaceBudget } from '#lib/server/budget/budget.service.ts';
import { apiHandler, optionalActor, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await getBudgetForApi(serviceContext(locals), optionalActor(locals), params.slug)));

export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		return json(budgetForApi(await replaceBudget(serviceContext(locals), actor, params.slug, await readJson(request, locals.t))));
	});

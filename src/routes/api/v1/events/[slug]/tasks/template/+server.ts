import { json } from '@sveltejs/kit';
import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { applyPlanningTemplate } from '#lib/server/planning/task.service.ts';
import type { RequestHandler } from './$types';

/** The retro-planning's template: adds the tasks and logistics items that are missing, with their counts. */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await applyPlanningTemplate(serviceContext(locals), requireActor(locals), params.slug)));

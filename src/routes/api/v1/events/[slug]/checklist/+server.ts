import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { checklistItemForApi, listChecklistForApi } from '#lib/server/api/screens.service.ts';
import { addLogisticsItem } from '#lib/server/planning/logistics.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => json(await listChecklistForApi(serviceContext(locals), requireActor(locals), params.slug)));

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const item = await addLogisticsItem(serviceContext(locals), actor, params.slug, await readJson(request, locals.t));
		return json(checklistItemForApi(item), { status: 201, headers: { location: `/api/v1/events/${params.slug}/checklist/${item.id}` } });
	});

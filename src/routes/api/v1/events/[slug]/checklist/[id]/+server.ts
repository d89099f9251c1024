import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { checklistItemForApi } from '#lib/server/api/screens.service.ts';
import { deleteLogisticsItem, getLogisticsItem, updateLogisticsItem } from '#lib/server/planning/logistics.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		json(checklistItemForApi(await getLogisticsItem(serviceContext(locals), requireActor(locals), params.slug, params.id)))
	);

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		return json(checklistItemForApi(await updateLogisticsItem(serviceContext(locals), actor, params.slug, params.id, body)));
	});

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteLogisticsItem(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});

import { apiHandler, ifMatch, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { checklistItemForApi } from '#lib/server/api/screens.service.ts';
import { deleteLogisticsItem, getLogisticsItem, updateLogisticsItem } from '#lib/server/planning/logistics.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		jsonWithEtag(checklistItemForApi(await getLogisticsItem(serviceContext(locals), requireActor(locals), params.slug, params.id)))
	);

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		return jsonWithEtag(
			checklistItemForApi(
				await updateLogisticsItem(serviceContext(locals), actor, params.slug, params.id, body, new Date(), ifMatch(request))
			)
		);
	});

export const DELETE: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await deleteLogisticsItem(serviceContext(locals), requireActor(locals), params.slug, params.id);
		return new Response(null, { status: 204 });
	});

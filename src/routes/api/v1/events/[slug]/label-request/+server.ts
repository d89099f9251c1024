import { json } from '@sveltejs/kit';
import { apiHandler, ifMatch, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getLabelRequestForEvent, requestLabel } from '#lib/server/national/label-request.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		const found = await getLabelRequestForEvent(serviceContext(locals), requireActor(locals), params.slug);
		return found ? jsonWithEtag(found) : json({ errors: [{ field: '_', message: locals.t('errors.notFound') }] }, { status: 404 });
	});

export const POST: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = request.headers.get('content-length') === '0' ? {} : await readJson(request, locals.t);
		const created = await requestLabel(serviceContext(locals), actor, params.slug, body, new Date(), ifMatch(request));
		return jsonWithEtag(created, { status: 201, headers: { location: `/api/v1/label-requests/${created.id}` } });
	});

import { json } from '@sveltejs/kit';
import { readJson } from '#lib/server/api/api.ts';
import { listMeetingsForApi, requestMeetingForApi } from '#lib/server/network/network.api.ts';
import { networkApi } from '#lib/server/network/network.http.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, request, url }) =>
	networkApi(locals, request, async (who) =>
		json(await listMeetingsForApi(serviceContext(locals), who, params.slug, url.searchParams.get('with') || undefined))
	);

export const POST: RequestHandler = ({ locals, params, request }) =>
	networkApi(locals, request, async (who) =>
		json(await requestMeetingForApi(serviceContext(locals), who, params.slug, await readJson(request, locals.t)), { status: 201 })
	);

import { ifMatch, jsonWithEtag, readJson } from '#lib/server/api/api.ts';
import { getPostForApi, patchPostForApi } from '#lib/server/network/network.api.ts';
import { deletePost } from '#lib/server/network/post.service.ts';
import { networkApi } from '#lib/server/network/network.http.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, params, request, url }) =>
	networkApi(locals, request, async (who) =>
		jsonWithEtag(await getPostForApi(serviceContext(locals), who, params.id, url.searchParams.get('event') ?? undefined))
	);

export const PATCH: RequestHandler = ({ locals, params, request }) =>
	networkApi(locals, request, async (who) => {
		const body = await readJson(request, locals.t);
		return jsonWithEtag(await patchPostForApi(serviceContext(locals), who, params.id, body, ifMatch(request)));
	});

export const DELETE: RequestHandler = ({ locals, params, request }) =>
	networkApi(locals, request, async (who) => {
		await deletePost(serviceContext(locals), who, params.id);
		return new Response(null, { status: 204 });
	});

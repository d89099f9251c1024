import { json } from '@sveltejs/kit';
import { readJson } from '#lib/server/api/api.ts';
import { createPostForApi, listPostsForApi } from '#lib/server/network/network.api.ts';
import { networkApi } from '#lib/server/network/network.http.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, request, url }) =>
	networkApi(locals, request, async (who) =>
		json(await listPostsForApi(serviceContext(locals), who, Object.fromEntries(url.searchParams)))
	);

export const POST: RequestHandler = ({ locals, request }) =>
	networkApi(locals, request, async (who) =>
		json(await createPostForApi(serviceContext(locals), who, await readJson(request, locals.t)), { status: 201 })
	);

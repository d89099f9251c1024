import { apiHandler, jsonWithEtag, readJson, requireActor } from '#lib/server/api/api.ts';
import { ifMatchVersionsOrNew } from '#lib/server/edit-version.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { getSynthesis, saveSynthesis } from '#lib/server/reports/synthesis.service.ts';
import type { RequestHandler } from './$types';

/** The synthesis with its version as ETag ("0" before it was first written). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () =>
		jsonWithEtag((await getSynthesis(serviceContext(locals), requireActor(locals), params.slug, params.id)).synthesis)
	);

/** If-Match "0" writes it only if nobody (a speaker from their link) wrote it meanwhile. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const input = await readJson(request, locals.t);
		const version = ifMatchVersionsOrNew(request.headers.get('if-match'));
		return jsonWithEtag(await saveSynthesis(serviceContext(locals), requireActor(locals), params.slug, params.id, input, version));
	});

import { json } from '@sveltejs/kit';
import { getStructure } from '#lib/server/directory/structure.service.ts';
import { apiHandler, atBodyVersion, readJson, requireActor } from '#lib/server/api/api.ts';
import { editStructure } from '#lib/server/directory/membership.service.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** A structure; an id merged into another answers that one (its `id` says which). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- `mergedInto` is for the page's redirect only
		const { mergedInto, ...structure } = await getStructure(serviceContext(locals), params.id);
		return json(structure);
	});

/** The structure's name, type and commune at once (its members, moderators), at the version read. */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const body = await readJson(request, locals.t);
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- as GET: no redirect here
		const { mergedInto, ...structure } = await atBodyVersion(() => editStructure(serviceContext(locals), actor, params.id, body));
		return json(structure);
	});

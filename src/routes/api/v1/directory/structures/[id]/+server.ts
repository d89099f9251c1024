import { json } from '@sveltejs/kit';
import { getStructure } from '#lib/server/directory/structure.service.ts';
import { apiHandler } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** A structure; an id merged into another answers that one (its `id` says which). */
export const GET: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- `mergedInto` is for the page's redirect only
		const { mergedInto, ...structure } = await getStructure(serviceContext(locals), params.id);
		return json(structure);
	});

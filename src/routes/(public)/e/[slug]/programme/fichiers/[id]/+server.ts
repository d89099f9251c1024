import { getStoredFile } from '#lib/server/programme/programme.service.ts';
import { fileResponse } from '#lib/server/programme/programme.http.ts';
import { loadOr404, serviceContext } from '#lib/server/route-helpers.ts';
import type { RequestHandler } from './$types';

/** Portraits and session documents; ids are never reused, so the answer is cached for a year. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { file, cacheable } = await loadOr404(locals.t, () => getStoredFile(serviceContext(locals), locals.actor, params.slug, params.id));
	return fileResponse(file, cacheable);
};

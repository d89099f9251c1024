import { json } from '@sveltejs/kit';
import { apiHandler, readJson, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { grantReviewer, listReviewers } from '#lib/server/national/reviewer.service.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	apiHandler(locals, async () => json(await listReviewers(serviceContext(locals), requireActor(locals))));

/** Gives the role to an existing account by its e-mail; the list afterwards. */
export const POST: RequestHandler = ({ locals, request }) =>
	apiHandler(locals, async () => {
		const actor = requireActor(locals);
		const ctx = serviceContext(locals);
		await grantReviewer(ctx, actor, await readJson(request, locals.t));
		return json(await listReviewers(ctx, actor));
	});

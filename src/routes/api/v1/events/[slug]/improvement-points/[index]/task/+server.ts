import { apiHandler, requireActor } from '#lib/server/api/api.ts';
import { serviceContext } from '#lib/server/route-helpers.ts';
import { turnPointIntoTask } from '#lib/server/reports/next-edition.service.ts';
import type { RequestHandler } from './$types';

/** The point becomes a framing task of the retro-planning (once: a second call changes nothing). */
export const POST: RequestHandler = ({ locals, params }) =>
	apiHandler(locals, async () => {
		await turnPointIntoTask(serviceContext(locals), requireActor(locals), params.slug, Number(params.index));
		return new Response(null, { status: 204 });
	});
